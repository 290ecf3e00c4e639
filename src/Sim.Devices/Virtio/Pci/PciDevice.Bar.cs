using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// BAR accesses: which structure an offset falls in, and the checks every structure shares (virtio 1.2, 4.1.3.1 and
/// 4.1.4). An access outside every structure, or running past a structure's end, is a violation; so is one while the
/// Command register's Memory Space Enable is clear (the function does not decode it). Illegal reads return 0 (all ones
/// when not decoded), illegal writes are dropped.
/// </summary>
public sealed partial class PciDevice
{
    /// <summary>A driver read of <paramref name="width"/> bytes at <paramref name="offset"/> in BAR <paramref name="bar"/>.</summary>
    public uint Read(int bar, ulong offset, int width)
    {
        if (!CheckBarAccess(bar, offset, width, "read")) return MemorySpaceEnabled || bar != Layout.Bar ? 0 : AllOnes(width);
        return BarRead(offset, width);
    }

    /// <summary>A driver write of the low <paramref name="width"/> bytes of <paramref name="value"/> at <paramref name="offset"/> in BAR <paramref name="bar"/>.</summary>
    public void Write(int bar, ulong offset, int width, uint value)
    {
        if (!CheckBarAccess(bar, offset, width, "write")) return;
        BarWrite(offset, width, value);
    }

    /// <inheritdoc />
    public void MessageTaken(int vector)
    {
        if (vector >= 0 && vector < _messageInFlight.Length) _messageInFlight[vector] = false;
    }

    private bool CheckBarAccess(int bar, ulong offset, int width, string verb)
    {
        if (bar != Layout.Bar)
        {
            Report(TransportRule.UndefinedRegister, $"{width}-byte {verb} at BAR {bar} + 0x{offset:x}: the function implements only BAR {Layout.Bar}");
            return false;
        }
        if (!MemorySpaceEnabled)
        {
            Report(TransportRule.MemorySpaceDisabled, $"{width}-byte {verb} at BAR {bar} + 0x{offset:x} with Command 0x{Command:x4}: Memory Space Enable is clear");
            return false;
        }
        return true;
    }

    /// <summary>A read inside the BAR, already decoded (also the PCI configuration access window's path).</summary>
    private uint BarRead(ulong offset, int width)
    {
        if (!CheckWidth(offset, width, "read")) return 0;
        if (Layout.Common.Contains(offset)) return ReadCommon((int)(offset - Layout.Common.Offset), width);
        if (Layout.Isr.Contains(offset)) return ReadIsr(offset, width);
        if (Layout.Device.Contains(offset)) return ReadDeviceConfig(offset - Layout.Device.Offset, width);
        if (Layout.Notify.Holds(offset, width)) return 0; // the notification structure has nothing to read; QEMU reads 0 too
        if (Layout.MsixTable.Contains(offset)) return ReadMsixTable(offset - Layout.MsixTable.Offset, width);
        if (Layout.MsixPba.Contains(offset)) return ReadPba(offset - Layout.MsixPba.Offset, width);
        Outside(offset, width, "read");
        return 0;
    }

    private void BarWrite(ulong offset, int width, uint value)
    {
        if (!CheckWidth(offset, width, "write")) return;
        if (Layout.Common.Contains(offset)) WriteCommon((int)(offset - Layout.Common.Offset), width, value);
        else if (Layout.Isr.Contains(offset)) Report(TransportRule.WriteToReadOnlyRegister, $"{width}-byte write of 0x{value:x} to the ISR status: it is read (and cleared) only", "virtio 1.2, 4.1.4.5");
        else if (Layout.Device.Contains(offset)) WriteDeviceConfig(offset - Layout.Device.Offset, width, value);
        else if (Layout.Notify.Contains(offset)) Notify(offset - Layout.Notify.Offset, width, value);
        else if (Layout.MsixTable.Contains(offset)) WriteMsixTable(offset - Layout.MsixTable.Offset, width, value);
        else if (Layout.MsixPba.Contains(offset)) Report(TransportRule.WriteToReadOnlyRegister, $"{width}-byte write of 0x{value:x} to the MSI-X PBA at BAR + 0x{offset:x}", "virtio 1.2, 4.1.1 ([PCI] 6.8.2: the Pending Bit Array is read-only)");
        else Outside(offset, width, "write");
    }

    private bool CheckWidth(ulong offset, int width, string verb)
    {
        if (width is 1 or 2 or 4) return true;
        Report(TransportRule.RegisterAccessWidth, $"{width}-byte {verb} at BAR + 0x{offset:x}: accesses are 1, 2 or 4 bytes wide");
        return false;
    }

    private void Outside(ulong offset, int width, string verb) =>
        Report(TransportRule.UndefinedRegister, $"{width}-byte {verb} at BAR {Layout.Bar} + 0x{offset:x}, outside every structure (common {Layout.Common}, ISR {Layout.Isr}, device {Layout.Device}, notify {Layout.Notify}, MSI-X table {Layout.MsixTable}, PBA {Layout.MsixPba})");

    /// <summary>
    /// Device-specific configuration (4.1.4.6): 8-, 16- and 32-bit accesses aligned to their width (4.1.3.1), inside
    /// its length. A read after a device-side change moves config_generation first (4.1.4.3.1).
    /// </summary>
    private uint ReadDeviceConfig(ulong at, int width)
    {
        if (!CheckDeviceConfig(at, width, "read")) return 0;
        NoteConfigRead();
        return _config.Read(at, width);
    }

    private void WriteDeviceConfig(ulong at, int width, uint value)
    {
        if (!CheckDeviceConfig(at, width, "write")) return;
        if (_config.Write(at, width, value)) ConfigWritten?.Invoke((int)at, width, value);
    }

    private bool CheckDeviceConfig(ulong at, int width, string verb)
    {
        if (at % (ulong)width != 0)
        {
            Report(TransportRule.UnalignedConfigAccess, $"{width}-byte {verb} at device config + 0x{at:x} is not {width}-byte aligned");
            return false;
        }
        if ((ulong)_config.Length - at < (ulong)width)
        {
            Report(TransportRule.ConfigOutOfRange, $"{width}-byte {verb} at device config + 0x{at:x} runs past its {_config.Length} bytes");
            return false;
        }
        return true;
    }

    /// <summary>
    /// config_generation is 8 bits, so a counter per change could wrap back to a value the driver saw. As the spec's note
    /// suggests (4.1.4.3.1), it moves only when the driver reads the device configuration after a change.
    /// </summary>
    private void NoteConfigRead()
    {
        if (_config.Generation == _configChangesSeen) return;
        _configChangesSeen = _config.Generation;
        _configGeneration++;
    }

    private static uint AllOnes(int width) => width >= 4 ? uint.MaxValue : (1u << (8 * width)) - 1;
}
