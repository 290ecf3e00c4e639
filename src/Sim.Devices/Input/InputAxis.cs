namespace Sim.Devices.Input;

/// <summary>
/// An absolute axis's range as the device reports it for VIRTIO_INPUT_CFG_ABS_INFO (virtio 1.2, 5.8.4,
/// <c>struct virtio_input_absinfo</c>; the meaning of each field is Linux's <c>struct input_absinfo</c>). Plain data.
/// </summary>
/// <param name="Code">The axis (ABS_*).</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Fuzz">Noise the input core filters out.</param>
/// <param name="Flat">Dead zone.</param>
/// <param name="Resolution">Units per millimetre.</param>
public readonly record struct InputAxis(ushort Code, int Min, int Max, int Fuzz = 0, int Flat = 0, int Resolution = 0);
