namespace Sim.Scenarios.Model;

/// <summary>
/// One way out of a source or server. A job takes route i with probability Weight_i / sum of the weights; the weights
/// are kept as written (not normalised), and a plain <c>to: name</c> is one route of weight 1.
/// </summary>
/// <param name="Target">The name of a server or sink in the same section.</param>
/// <param name="Weight">A positive, finite relative weight.</param>
public sealed record RouteModel(string Target, double Weight);
