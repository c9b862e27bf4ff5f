namespace Isop.Cli;

internal static class HostArguments
{
    private static readonly string[] Keys = ["--contentRoot=", "--environment=", "--applicationName="];

    /// <summary>True for the arguments the test host passes (only <c>--key=value</c> host settings), never for a command line.</summary>
    public static bool AreHostOnly(string[] args) =>
        args.Length > 0 && args.All(a => Keys.Any(k => a.StartsWith(k, StringComparison.OrdinalIgnoreCase)));
}
