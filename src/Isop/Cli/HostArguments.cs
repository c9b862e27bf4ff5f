namespace Isop.Cli;

internal static class HostArguments
{
    /// <summary>
    /// True for what the test host passes: only <c>--key=value</c> host settings, among them its own
    /// <c>--applicationName=</c> or <c>--contentRoot=</c>. A command line always starts with a command or option without '='.
    /// </summary>
    public static bool AreHostOnly(string[] args) =>
        args.Length > 0
        && args.All(a => a.StartsWith("--", StringComparison.Ordinal) && a.IndexOf('=', StringComparison.Ordinal) > 2)
        && args.Any(a => a.StartsWith("--applicationName=", StringComparison.OrdinalIgnoreCase) || a.StartsWith("--contentRoot=", StringComparison.OrdinalIgnoreCase));
}
