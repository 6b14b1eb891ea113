var info = Nlce.Runtime.TorchRuntime.EnsureLoaded();
System.Console.WriteLine(info);
var x = TorchSharp.torch.randn(2, 3, 16, 16, requires_grad: true);
var conv = TorchSharp.torch.nn.Conv2d(3, 4, 3);
var y = conv.call(x).sum(); y.backward();
System.Console.WriteLine($"{y.item<float>()} grad {x.grad!.abs().sum().item<float>()} {TorchSharp.torch.__version__}");
