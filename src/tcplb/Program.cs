return await HaKube.Tcplb.Cli.TcplbCli.RunAsync(args);
