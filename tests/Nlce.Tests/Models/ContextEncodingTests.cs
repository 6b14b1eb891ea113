using Nlce.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Tests.Models;

public sealed class ContextEncodingTests
{
    private const double Epsilon = 1e-5; // batch norm's default

    [Fact]
    public void Equals_a_naive_loop_over_positions_codewords_and_channels()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        const int batch = 2, channels = 3, height = 3, width = 2, codewords = 4, codewordChannels = 2;
        var module = new ContextEncoding(channels, new ContextEncodingOptions(codewords, MaxCodewordChannels: codewordChannels)).to(float64);
        var sd = module.state_dict();
        using (no_grad())
        {
            // Random values everywhere, batch-norm statistics included, so that every term of eq. 3 matters.
            foreach (var (name, tensor) in sd)
                if (tensor.is_floating_point())
                    tensor.copy_(name.EndsWith("running_var") ? rand_like(tensor) + 0.5 : randn_like(tensor));
        }
        module.eval();
        var x = randn(batch, channels, height, width, float64);

        double[] X = Values(x), Wp = Values(sd["projection.0.weight"]), D = Values(sd["codewords"]), S = Values(sd["smoothing"]);
        double[] pw = Values(sd["projection.1.weight"]), pb = Values(sd["projection.1.bias"]);
        double[] pm = Values(sd["projection.1.running_mean"]), pv = Values(sd["projection.1.running_var"]);
        double[] kw = Values(sd["codeword_bn.weight"]), kb = Values(sd["codeword_bn.bias"]);
        double[] km = Values(sd["codeword_bn.running_mean"]), kv = Values(sd["codeword_bn.running_var"]);
        double[] Wg = Values(sd["w_gamma.weight"]), bg = Values(sd["w_gamma.bias"]);

        var expectedAssignment = new double[batch * codewords * height * width];
        var expectedGamma = new double[batch * channels];
        var expectedOutput = new double[X.Length];
        int n = height * width;
        for (int b = 0; b < batch; b++)
        {
            var residualSum = new double[codewords, codewordChannels];   // e_k = Σ_i a_ik r_ik, r_ik built explicitly
            for (int i = 0; i < n; i++)
            {
                var z = new double[codewordChannels];
                for (int c2 = 0; c2 < codewordChannels; c2++)
                {
                    double sum = 0;
                    for (int c = 0; c < channels; c++)
                        sum += Wp[c2 * channels + c] * X[(b * channels + c) * n + i];
                    z[c2] = Math.Max(0, (sum - pm[c2]) / Math.Sqrt(pv[c2] + Epsilon) * pw[c2] + pb[c2]);
                }
                var r = new double[codewords, codewordChannels];
                var logits = new double[codewords];
                for (int k = 0; k < codewords; k++)
                {
                    double squared = 0;
                    for (int c2 = 0; c2 < codewordChannels; c2++)
                    {
                        r[k, c2] = z[c2] - D[k * codewordChannels + c2];
                        squared += r[k, c2] * r[k, c2];
                    }
                    logits[k] = -S[k] * squared;
                }
                double max = logits.Max(), normaliser = logits.Sum(l => Math.Exp(l - max));
                for (int k = 0; k < codewords; k++)
                {
                    double a = Math.Exp(logits[k] - max) / normaliser;
                    expectedAssignment[(b * codewords + k) * n + i] = a;
                    for (int c2 = 0; c2 < codewordChannels; c2++)
                        residualSum[k, c2] += a * r[k, c2];
                }
            }
            var e = new double[codewordChannels];
            for (int k = 0; k < codewords; k++)
                for (int c2 = 0; c2 < codewordChannels; c2++)
                    e[c2] += Math.Max(0, (residualSum[k, c2] - km[k]) / Math.Sqrt(kv[k] + Epsilon) * kw[k] + kb[k]);
            for (int c = 0; c < channels; c++)
            {
                double sum = bg[c];
                for (int c2 = 0; c2 < codewordChannels; c2++)
                    sum += Wg[c * codewordChannels + c2] * e[c2];
                double gamma = 1 / (1 + Math.Exp(-sum));
                expectedGamma[b * channels + c] = gamma;
                for (int i = 0; i < n; i++)
                    expectedOutput[(b * channels + c) * n + i] = X[(b * channels + c) * n + i] * gamma;
            }
        }

        var trace = module.Trace(x);
        TensorAssert.Close(tensor(expectedAssignment).reshape(batch, codewords, height, width), trace.SoftAssignment, 1e-12, "soft assignment");
        TensorAssert.Close(tensor(expectedGamma).reshape(batch, channels), trace.Gamma, 1e-12, "γ");
        TensorAssert.Close(tensor(expectedOutput).reshape(x.shape), trace.Output, 1e-12, "trace output");
        TensorAssert.Close(tensor(expectedOutput).reshape(x.shape), module.call(x), 1e-12, "forward output");
    }

    [Fact]
    public void Trains_end_to_end_with_assignments_summing_to_one()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var module = new ContextEncoding(6, new ContextEncodingOptions(Codewords: 5));
        Assert.Equal(6, module.CodewordChannels);
        module.train();
        var x = randn(2, 6, 4, 4, requires_grad: true);
        var trace = module.Trace(x);
        TensorAssert.Close(ones(2, 4, 4), trace.SoftAssignment.sum(1), 1e-6, "Σ_k a_ik");
        Assert.True(trace.Gamma.gt(0).all().item<bool>() && trace.Gamma.lt(1).all().item<bool>(), "γ outside (0, 1)");
        module.call(x).square().sum().backward();
        Assert.True(x.grad!.abs().sum().item<float>() > 0, "no gradient reached the input");
        foreach (var (name, p) in module.named_parameters())
            Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"no gradient reached {name}");
    }

    [Fact]
    public void Has_exactly_the_expected_state_dict_keys()
    {
        using var module = new ContextEncoding(1024, new ContextEncodingOptions(Codewords: 32));
        string[] expected =
        [
            "projection.0.weight", "projection.1.weight", "projection.1.bias", "projection.1.running_mean",
            "projection.1.running_var", "projection.1.num_batches_tracked", "codewords", "smoothing",
            "codeword_bn.weight", "codeword_bn.bias", "codeword_bn.running_mean", "codeword_bn.running_var",
            "codeword_bn.num_batches_tracked", "w_gamma.weight", "w_gamma.bias",
        ];
        var sd = module.state_dict();
        Assert.Equal(expected.Order(), sd.Keys.Order());
        Assert.Equal(new long[] { 32, 512 }, sd["codewords"].shape);   // C′ capped at 512
        Assert.Equal(new long[] { 1024, 512 }, sd["w_gamma.weight"].shape);
    }

    [Fact]
    public void Reports_the_assignment_multiply_adds()
    {
        using var module = new ContextEncoding(8, new ContextEncodingOptions(Codewords: 3, MaxCodewordChannels: 4));
        Assert.Equal(2L * 2 * 5 * 6 * 3 * 4, module.OwnMultiplyAdds([2, 8, 5, 6]));
    }

    [Theory]
    [InlineData(0, 512, "Codewords")]
    [InlineData(32, 0, "MaxCodewordChannels")]
    public void Rejects_invalid_options(int codewords, int maxChannels, string field)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ContextEncoding(8, new ContextEncodingOptions(codewords, maxChannels)));
        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void Rejects_a_wrong_input_shape()
    {
        using var scope = NewDisposeScope();
        using var module = new ContextEncoding(8, new ContextEncodingOptions());
        var error = Assert.Throws<ArgumentException>(() => module.call(zeros(1, 4, 2, 2)));
        Assert.Contains("[B, 8, H, W]", error.Message);
    }

    private static double[] Values(Tensor t) => t.contiguous().to(float64).data<double>().ToArray();
}
