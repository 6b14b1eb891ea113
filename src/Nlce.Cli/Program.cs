return Nlce.Cli.NlceCli.Run(args);
