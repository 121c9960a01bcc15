using System.Runtime.InteropServices;
using HaKube.LabTools.Probe;

ProbeOptions options;
try
{
    options = ProbeOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"hakube-probe: {e.Message}\n\n{ProbeOptions.Usage}");
    return 2;
}

using var stop = new CancellationTokenSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });

var output = new ProbeOutput(Console.Out);
output.Event("started");
using var prober = new Prober(options, output);
var allSucceeded = await prober.RunAsync(stop.Token);
output.Event("done");
return options.UntilSuccess && !allSucceeded ? 1 : 0;
