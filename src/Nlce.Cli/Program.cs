using System.CommandLine;
using Nlce.Cli.Commands;

var root = new RootCommand("nlce — NLCE Notebooks: robust biomedical image segmentation against adversarial attacks (He et al., AAAI 2019).")
{
    InfoCommand.Create(),
    DataCommand.Create(),
};
return root.Parse(args).Invoke();
