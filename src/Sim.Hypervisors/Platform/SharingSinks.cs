using Sim.Core.Costs;
using Sim.Core.Running;

namespace Sim.Hypervisors.Platform;

/// <summary>
/// Where a <see cref="SharingContext"/> reports and charges on behalf of the device's actors: the backend's findings,
/// the driver vCPU's ledger and the backend thread's ledger (<see cref="Simulation.FindingsOf"/> and
/// <see cref="Simulation.CostsOf"/> give them for actors reserved and not yet added). None of them: nothing is charged,
/// findings are only counted (a bare mechanism in a test).
/// </summary>
/// <param name="Findings">The backend's findings.</param>
/// <param name="DriverCosts">The driver vCPU's ledger (the DMA API, the traps).</param>
/// <param name="BackendCosts">The backend thread's ledger (accesses, copies, request ends).</param>
public sealed record SharingSinks(IFindingSink? Findings = null, ICostSink? DriverCosts = null, ICostSink? BackendCosts = null);
