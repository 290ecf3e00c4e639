using System.Reflection;

namespace Sim.Cli.Tests.Layering;

/// <summary>
/// Finds a type of an assembly that uses a given type, for failure messages: through its base type, interfaces, fields,
/// properties, method signatures and method-body locals. A use only in a method call's operand is not seen; then the
/// answer says so.
/// </summary>
public static class TypeUserFinder
{
    private const BindingFlags Declared =
        BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    /// <summary>
    /// The full name of a type in <paramref name="assembly"/> using <paramref name="usedTypeName"/> (a compiler-generated
    /// closure or state machine is named by the type declaring it), or null when none is seen.
    /// </summary>
    public static string? FindUser(Assembly assembly, string usedTypeName) =>
        LoadableTypes(assembly)
            .Where(t => Mentions(t, usedTypeName))
            .Select(t => Written(t).FullName ?? t.Name)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();

    private static Type Written(Type type)
    {
        while (type.Name.Contains('<') && type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.OfType<Type>(); }
    }

    private static bool Mentions(Type type, string name)
    {
        try
        {
            var named = new List<Type?> { type.BaseType };
            named.AddRange(type.GetInterfaces());
            named.AddRange(type.GetFields(Declared).Select(f => f.FieldType));
            named.AddRange(type.GetProperties(Declared).Select(p => p.PropertyType));
            foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                if (method is MethodInfo info) named.Add(info.ReturnType);
                named.AddRange(method.GetParameters().Select(p => p.ParameterType));
                named.AddRange(method.GetMethodBody()?.LocalVariables.Select(l => l.LocalType) ?? []);
            }
            return named.Any(t => t is not null && Names(t, name));
        }
        catch (Exception e) when (e is TypeLoadException or FileNotFoundException or NotSupportedException)
        {
            return false;
        }
    }

    private static bool Names(Type type, string name)
    {
        if (type.HasElementType) return Names(type.GetElementType()!, name);
        if (type.IsGenericParameter) return false;
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (definition.FullName == name) return true;
        return type.IsGenericType && type.GetGenericArguments().Any(a => Names(a, name));
    }
}
