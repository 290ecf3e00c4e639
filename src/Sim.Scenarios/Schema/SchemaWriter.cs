using System.Globalization;
using System.Text.Json.Nodes;

namespace Sim.Scenarios.Schema;

/// <summary>
/// Turns the readers' declared shapes (<see cref="ValueShape"/>) into JSON Schema draft-07 keywords, in declaration
/// order: a closed <see cref="MappingShape"/> becomes <c>properties</c>, <c>required</c> and
/// <c>additionalProperties: false</c>; an <see cref="EnumShape"/> an <c>enum</c>; a <see cref="QuantityShape"/> a
/// string <c>pattern</c>; a <see cref="NamedShape"/> a <c>$ref</c> into <c>definitions</c>, written once. Draft-07
/// ignores keywords beside <c>$ref</c>, so a described reference is wrapped in <c>allOf</c>.
/// </summary>
internal sealed class SchemaWriter
{
    private readonly SortedDictionary<string, JsonObject?> _definitions = new(StringComparer.Ordinal);

    /// <summary>The definitions of the named shapes met so far, by name.</summary>
    public JsonObject Definitions()
    {
        var result = new JsonObject();
        foreach (var (name, schema) in _definitions) result[name] = schema;
        return result;
    }

    /// <summary>The schema of <paramref name="shape"/>, with <paramref name="description"/> when given.</summary>
    public JsonObject Write(ValueShape shape, string? description = null)
    {
        if (shape is NamedShape named)
        {
            Define(named);
            var reference = new JsonObject { ["$ref"] = $"#/definitions/{named.Name}" };
            return description is null ? reference : new JsonObject { ["description"] = description, ["allOf"] = new JsonArray(reference) };
        }
        var schema = new JsonObject();
        if (description is not null) schema["description"] = description;
        switch (shape)
        {
            case TextShape text:
                schema["type"] = "string";
                if (text.Pattern is not null) schema["pattern"] = text.Pattern;
                break;
            case IntegerShape integer:
                schema["type"] = "integer";
                if (integer.Minimum is { } min) schema["minimum"] = min;
                if (integer.Maximum is { } max) schema["maximum"] = max;
                break;
            case NumberShape number:
                schema["type"] = "number";
                if (number.Minimum is { } min2) schema["minimum"] = min2;
                if (number.ExclusiveMinimum is { } emin) schema["exclusiveMinimum"] = emin;
                if (number.Maximum is { } max2) schema["maximum"] = max2;
                if (number.ExclusiveMaximum is { } emax) schema["exclusiveMaximum"] = emax;
                break;
            case BooleanShape:
                schema["type"] = "boolean";
                break;
            case EnumShape choice:
                schema["type"] = "string";
                schema["enum"] = Strings(choice.Values);
                break;
            case QuantityShape quantity:
                schema["type"] = "string";
                schema["pattern"] = quantity.Quantity.Pattern;
                schema["examples"] = new JsonArray(quantity.Quantity.Example);
                break;
            case ListShape list:
                schema["type"] = "array";
                schema["items"] = Write(list.Item);
                if (list.MinItems > 0) schema["minItems"] = list.MinItems;
                if (list.MaxItems is { } most) schema["maxItems"] = most;
                if (list.Unique) schema["uniqueItems"] = true;
                break;
            case MapShape map:
                schema["type"] = "object";
                schema["additionalProperties"] = Write(map.Value);
                break;
            case EitherShape either:
                schema["anyOf"] = new JsonArray([.. either.Choices.Select(choice => (JsonNode)Write(choice))]);
                break;
            case AnyShape:
                break;
            case MappingShape mapping:
                WriteMapping(schema, mapping);
                break;
            case OneKeyShape oneKey:
                schema["type"] = "object";
                schema["properties"] = Properties(oneKey.Kinds);
                schema["additionalProperties"] = false;
                schema["minProperties"] = 1;
                schema["maxProperties"] = 1;
                break;
            case TaggedShape tagged:
                WriteTagged(schema, tagged);
                break;
            default:
                throw new InvalidOperationException($"no schema for {shape.GetType().Name}");
        }
        return schema;
    }

    private void WriteMapping(JsonObject schema, MappingShape mapping)
    {
        schema["type"] = "object";
        schema["properties"] = Properties(mapping.Keys);
        var required = mapping.Keys.Where(key => key.Required).Select(key => key.Name).ToList();
        if (required.Count > 0) schema["required"] = Strings(required);
        schema["additionalProperties"] = false;
        // Exactly one of a group: each alternative requires its key and no other of the group.
        var all = new JsonArray();
        foreach (var group in mapping.ExactlyOne)
        {
            all.Add(new JsonObject
            {
                ["oneOf"] = new JsonArray([.. group.Select(key => (JsonNode)new JsonObject { ["required"] = Strings([key]) })]),
            });
        }
        foreach (var group in mapping.AtLeastOne)
        {
            all.Add(new JsonObject
            {
                ["anyOf"] = new JsonArray([.. group.Select(key => (JsonNode)new JsonObject { ["required"] = Strings([key]) })]),
            });
        }
        if (all.Count > 0) schema["allOf"] = all;
    }

    /// <summary>
    /// The tag's values as an enum, then one <c>if</c>/<c>then</c> per variant: an editor completes the keys of the
    /// variant the tag names, and reports the first wrong key there rather than one failure per variant.
    /// </summary>
    private void WriteTagged(JsonObject schema, TaggedShape tagged)
    {
        schema["type"] = "object";
        schema["required"] = Strings([tagged.Tag]);
        schema["properties"] = new JsonObject
        {
            [tagged.Tag] = new JsonObject { ["type"] = "string", ["enum"] = Strings(tagged.Variants.Select(v => v.Value).ToList()) },
        };
        var all = new JsonArray();
        foreach (var (value, shape) in tagged.Variants)
        {
            all.Add(new JsonObject
            {
                ["if"] = new JsonObject
                {
                    ["properties"] = new JsonObject { [tagged.Tag] = new JsonObject { ["const"] = value } },
                    ["required"] = Strings([tagged.Tag]),
                },
                ["then"] = Write(shape),
            });
        }
        schema["allOf"] = all;
    }

    private JsonObject Properties(IReadOnlyList<KeyShape> keys)
    {
        var properties = new JsonObject();
        foreach (KeyShape key in keys) properties[key.Name] = Write(key.Value, key.Description);
        return properties;
    }

    private void Define(NamedShape named)
    {
        if (_definitions.ContainsKey(named.Name)) return;
        _definitions[named.Name] = null; // placeholder: the shape may refer to itself
        _definitions[named.Name] = Write(named.Target());
    }

    private static JsonArray Strings(IReadOnlyList<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v)!)]);
}
