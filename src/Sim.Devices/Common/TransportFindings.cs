using Sim.Core.Running;
using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Common;

/// <summary>
/// Turns the driver misuse a register file sees into findings of the device's backend (reported through
/// <paramref name="findings"/>, e.g. <see cref="Simulation.FindingsOf"/> of the backend's reserved ref, since the register
/// file is built before the backend it belongs to).
/// </summary>
/// <param name="findings">The backend's findings.</param>
public sealed class TransportFindings(IFindingSink findings) : ITransportViolationSink
{
    private readonly IFindingSink _findings = findings ?? throw new ArgumentNullException(nameof(findings));

    /// <inheritdoc />
    public void Violation(TransportViolation violation) => _findings.Report(violation.Rule, violation.Detail, violation.Section);
}
