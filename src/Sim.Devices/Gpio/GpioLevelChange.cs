using Sim.Core.Time;

namespace Sim.Devices.Gpio;

/// <summary>
/// A GPIO input line changed level (virtio 1.2, 5.18.7: the interrupt signal the device senses): sent by the signal
/// source (<see cref="GpioLineSource"/>) to the backend, which applies it to the line. Plain data.
/// </summary>
/// <param name="Line">The line number.</param>
/// <param name="High">The new level.</param>
/// <param name="At">When it changed.</param>
public sealed record GpioLevelChange(int Line, bool High, SimTime At);
