using System.CommandLine;
using HaKube.Installer.Lab;

var root = new RootCommand("hakube: the HA front door of a Kubernetes control plane, without Keepalived and HAProxy");
root.Subcommands.Add(LabCommandLine.Create());
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
