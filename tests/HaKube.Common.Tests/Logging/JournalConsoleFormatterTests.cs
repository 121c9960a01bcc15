using HaKube.Common.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace HaKube.Common.Tests.Logging;

public sealed class JournalConsoleFormatterTests
{
    private static string Format(LogLevel level, string category, int eventId, string message, Exception? exception = null)
    {
        var formatter = new JournalConsoleFormatter();
        using var output = new StringWriter();
        var entry = new LogEntry<string>(level, category, new EventId(eventId), message, exception, static (s, _) => s);
        formatter.Write(entry, null, output);
        return output.ToString();
    }

    [Theory]
    [InlineData(LogLevel.Critical, "<2>")]
    [InlineData(LogLevel.Error, "<3>")]
    [InlineData(LogLevel.Warning, "<4>")]
    [InlineData(LogLevel.Information, "<6>")]
    [InlineData(LogLevel.Debug, "<7>")]
    [InlineData(LogLevel.Trace, "<7>")]
    public void Line_StartsWithSdDaemonPriority(LogLevel level, string prefix) =>
        Assert.StartsWith(prefix, Format(level, "X", 0, "m"), StringComparison.Ordinal);

    [Fact]
    public void Line_HasShortCategoryEventIdAndMessage_AndNoColour()
    {
        var line = Format(LogLevel.Warning, "HaKube.Vrrpd.Protocol.InstanceRunner", 1201, "peer 10.0.0.2 went silent");

        Assert.Equal("<4>InstanceRunner[1201]: peer 10.0.0.2 went silent\n", line);
        Assert.DoesNotContain('\u001b', line);
    }

    [Theory]
    [InlineData("HaKube.Vrrpd.Instance", "Instance")]
    [InlineData("Microsoft.Hosting.Lifetime", "Lifetime")]
    [InlineData("NoDots", "NoDots")]
    [InlineData("A.B<C.D>", "B<C.D>")]
    public void ShortCategory_KeepsLastSegment(string category, string expected) =>
        Assert.Equal(expected, JournalConsoleFormatter.ShortCategory(category));

    [Fact]
    public void MultiLineMessage_EveryLineCarriesThePrefix()
    {
        var text = Format(LogLevel.Error, "Config", 7, "2 errors:\nline 3: bad\nline 9: worse");

        Assert.Equal("<3>Config[7]: 2 errors:\n<3>Config[7]:   line 3: bad\n<3>Config[7]:   line 9: worse\n", text);
    }

    [Fact]
    public void Exception_FoldsItsFirstLineOntoTheEvent_AndPrefixesTheStack()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("socket gone", new IOException("broken pipe"));
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        var lines = Format(LogLevel.Error, "HaKube.Tcplb.Proxy", 12, "forwarding failed", thrown).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("<3>Proxy[12]: forwarding failed | System.InvalidOperationException: socket gone", lines[0]);
        Assert.Contains(lines, l => l.Contains("System.IO.IOException: broken pipe", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.StartsWith("<3>Proxy[12]: ", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" at ", StringComparison.Ordinal));
    }

    [Fact]
    public void AddHaKubeConsole_SelectsTheJournalFormatter()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddHaKubeConsole());
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal(JournalConsoleFormatter.FormatterName, options.FormatterName);
        Assert.Contains(provider.GetServices<ConsoleFormatter>(), f => f is JournalConsoleFormatter);
        Assert.Contains(provider.GetServices<ILoggerProvider>(), p => p is ConsoleLoggerProvider);
        Assert.IsNotType<NullLoggerFactory>(provider.GetRequiredService<ILoggerFactory>());
    }
}
