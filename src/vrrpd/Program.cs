using HaKube.Vrrpd.Cli;

// The CLI contract (issue 3): vrrpd -f PATH | --check -f PATH | status [--json] | --release | maint on|off, with --run-dir DIR.
return await VrrpdCommandLine.InvokeAsync(args, Console.Out, Console.Error);
