using Isop.Access;

namespace Isop.Operations;

/// <summary>The TLP of a record derived from others: the strictest of theirs, and AMBER+STRICT where AMBER records of several owners meet (no one owner's community may have the whole).</summary>
public static class DerivedTlp
{
    public static Tlp Of(IEnumerable<(Tlp Tlp, Guid Owner)> inputs)
    {
        var tlp = Tlp.Clear;
        var amberOwners = new HashSet<Guid>();
        foreach (var (label, owner) in inputs)
        {
            if (label > tlp) tlp = label;
            if (label == Tlp.Amber) amberOwners.Add(owner);
        }
        return tlp == Tlp.Amber && amberOwners.Count > 1 ? Tlp.AmberStrict : tlp;
    }
}
