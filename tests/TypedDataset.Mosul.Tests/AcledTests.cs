using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace TypedDataset.Mosul.Tests;

/// <summary>Every ACLED name in the dataset is an exact ACLED name, and sub-event types belong to their event type.</summary>
public class AcledTests
{
    /// <summary>The ACLED taxonomy (event type → sub-event types), as in shared/reference/acled-event-types.md.</summary>
    private static readonly Dictionary<string, string[]> Taxonomy = new()
    {
        ["Battles"] = new[] { "Armed clash", "Government regains territory", "Non-state actor overtakes territory" },
        ["Explosions/Remote violence"] = new[] { "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade" },
        ["Violence against civilians"] = new[] { "Sexual violence", "Attack", "Abduction/forced disappearance" },
        ["Protests"] = new[] { "Peaceful protest", "Protest with intervention", "Excessive force against protesters" },
        ["Riots"] = new[] { "Violent demonstration", "Mob violence" },
        ["Strategic developments"] = new[] { "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other" },
    };

    private static readonly string[] ActorTypes =
        { "State forces", "Rebel groups", "Political militias", "Identity militias", "Rioters", "Protesters", "Civilians", "External/Other forces" };

    [Fact]
    public void The_embedded_taxonomy_matches_the_reference_file_when_present()
    {
        if (!File.Exists(Paths.AcledReference)) return;
        var rows = File.ReadAllLines(Paths.AcledReference)
            .Where(l => l.StartsWith("| ") && !l.StartsWith("| Event type") && !l.StartsWith("|---"))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(c => c[0], c => c[1].Split(';', StringSplitOptions.TrimEntries));
        Assert.Equal(Taxonomy.Keys.OrderBy(k => k), rows.Keys.OrderBy(k => k));
        foreach ((string type, string[] subs) in Taxonomy) Assert.Equal(subs, rows[type]);
    }

    [Fact]
    public void Enum_values_are_exact_acled_names()
    {
        Assert.All(Enum.GetValues<EventType>(), v => Assert.Contains(v.ToYamlString(), Taxonomy.Keys));
        var allSubs = Taxonomy.Values.SelectMany(s => s).ToHashSet();
        Assert.All(Enum.GetValues<SubEventType>(), v => Assert.Contains(v.ToYamlString(), allSubs));
        Assert.All(Enum.GetValues<ActorType>(), v => Assert.Contains(v.ToYamlString(), ActorTypes));
    }

    [Fact]
    public void Every_event_sub_type_belongs_to_its_event_type()
    {
        Assert.NotEmpty(Events.All);
        foreach (Event e in Events.All)
        {
            Assert.Contains(e.SubEventType.ToYamlString(), Taxonomy[e.EventType.ToYamlString()]);
        }
    }

    [Fact]
    public void Government_regains_territory_is_only_used_for_actual_retaking()
    {
        // ACLED: "Government regains territory" is the actual retaking of a place, so it needs a place.
        foreach (Event e in Events.All.Where(e => e.SubEventType == SubEventType.GovernmentRegainsTerritory))
        {
            Assert.NotNull(e.Place);
        }
    }
}
