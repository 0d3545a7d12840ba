using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner.Tests.Policy;

public sealed class RuleCatalogTests
{
    [Fact]
    public void Every_rule_id_constant_has_one_descriptor()
    {
        var ids = typeof(RuleIds).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids.Order(), RuleCatalog.All.Select(r => r.Id).Order());
        Assert.All(RuleCatalog.All, r =>
        {
            Assert.Matches("^OBL[0-9]{3}$", r.Id);
            Assert.False(string.IsNullOrWhiteSpace(r.Description));
            Assert.False(string.IsNullOrWhiteSpace(r.Advice));
            Assert.Matches("^[a-z0-9-]+$", r.Name);
        });
    }

    [Fact]
    public void Unknown_ids_are_rejected() => Assert.Throws<ArgumentException>(() => RuleCatalog.Get("OBL999"));
}
