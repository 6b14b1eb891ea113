using System.Text.Json.Nodes;

namespace Nlce.Notebooks.Format;

/// <summary>
/// Sets members so that a notebook written with nbformat's <c>sort_keys=True</c> stays sorted: an existing key is
/// replaced where it stands, a new key goes before the first key that sorts after it (ordinal order, as Python's).
/// </summary>
public static class JsonObjectOrdering
{
    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>, keeping the object's key order sorted.</summary>
    public static void SetSorted(this JsonObject obj, string key, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(key);
        var existing = obj.IndexOf(key);
        if (existing >= 0)
        {
            obj.SetAt(existing, value);
            return;
        }
        var index = 0;
        foreach (var (name, _) in obj)
        {
            if (string.CompareOrdinal(name, key) > 0)
                break;
            index++;
        }
        obj.Insert(index, key, value);
    }

    /// <summary>Returns the object at <paramref name="key"/>, creating an empty one in sorted position if absent.</summary>
    public static JsonObject GetOrAddObject(this JsonObject obj, string key)
    {
        if (obj[key] is JsonObject child)
            return child;
        var created = new JsonObject();
        obj.SetSorted(key, created);
        return created;
    }
}
