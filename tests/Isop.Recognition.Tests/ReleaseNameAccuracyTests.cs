namespace Isop.Recognition.Tests;

public sealed class ReleaseNameAccuracyTests(ITestOutputHelper output)
{
    /// <summary>
    /// Field accuracy on other projects' expectations. The goals are 0.97 on unseen guessit rows and 0.95 on
    /// Sonarr's and Radarr's; each floor is where the parser stands, and only moves up.
    /// </summary>
    [Theory]
    [InlineData("release-names/guessit-dev.jsonl", 0.98, "ISOP_ACCURACY_REPORT")]
    [InlineData("release-names/sonarr-radarr-dev.jsonl", 0.97, "ISOP_SONARR_ACCURACY_REPORT")]
    public void Field_accuracy_on_other_projects_expectations_is_recorded(string set, double floor, string reportVariable) =>
        AccuracyReport.Check(output, ReleaseNameAccuracy.Measure(SharedData.Require(set)), floor, reportVariable);
}
