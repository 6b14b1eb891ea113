using TorchSharp;
using static TorchSharp.torch;

namespace Nlce.Models;

/// <summary>
/// y = softmax(Q Kᵀ) V over the key axis (NLCEN eq. 1–2 with the normalisation C(x) as a softmax), computed in the
/// chunks of an <see cref="AttentionChunkPlan"/> with a backward pass that recomputes each chunk's attention instead of
/// keeping it, so only one chunk's scores, weights and weight gradients exist at a time, during training and attacks too.
/// </summary>
/// <remarks>
/// Shapes: Q [B, N, D], K [B, N′, D], V [B, N′, Dv] → y [B, N, Dv]. With A = softmax(S), S = Q Kᵀ and upstream gradient
/// dy, the backward pass per chunk is dA = dy Vᵀ, dV += Aᵀ dy, dS = A ⊙ (dA − rowsum(dA ⊙ A)), dQ = dS K, dK += dSᵀ Q.
/// First-order gradients only (the backward pass itself is not differentiated), which is what training and gradient
/// attacks need.
/// </remarks>
internal sealed class ChunkedSoftmaxAttention : autograd.SingleTensorFunction<ChunkedSoftmaxAttention>
{
    private const string PlanKey = "plan";

    public override string Name => nameof(ChunkedSoftmaxAttention);

    /// <summary>
    /// The attention output. A plan covering the whole batch uses plain differentiable operations (autograd then keeps
    /// the one chunk); any other plan goes through the recomputing custom function.
    /// </summary>
    internal static Tensor Compute(Tensor query, Tensor key, Tensor value, AttentionChunkPlan plan)
    {
        if (plan.CoversWholeBatch(query.shape[0], query.shape[1]))
        {
            using var scope = NewDisposeScope();
            return query.matmul(key.transpose(1, 2)).softmax(-1).matmul(value).MoveToOuterDisposeScope();
        }
        return apply(query, key, value, plan.ImagesPerChunk, plan.QueriesPerChunk);
    }

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (query, key, value) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2]);
        var plan = new AttentionChunkPlan((long)vars[3], (long)vars[4]);
        ctx.save_for_backward([query, key, value]);
        ctx.save_data(PlanKey, plan);

        var output = empty(query.shape[0], query.shape[1], value.shape[2], dtype: value.dtype, device: value.device);
        foreach (var (b0, nb, r0, nr) in Chunks(query.shape[0], query.shape[1], plan))
        {
            using var scope = NewDisposeScope();
            var q = query.narrow(0, b0, nb).narrow(1, r0, nr);
            var k = key.narrow(0, b0, nb);
            var v = value.narrow(0, b0, nb);
            output.narrow(0, b0, nb).narrow(1, r0, nr).copy_(q.matmul(k.transpose(1, 2)).softmax(-1).matmul(v));
        }
        return output;
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var saved = ctx.get_saved_variables();
        var (query, key, value) = (saved[0], saved[1], saved[2]);
        var plan = (AttentionChunkPlan)ctx.get_data(PlanKey);
        using var noGrad = no_grad();

        var gradQuery = zeros_like(query);
        var gradKey = zeros_like(key);
        var gradValue = zeros_like(value);
        foreach (var (b0, nb, r0, nr) in Chunks(query.shape[0], query.shape[1], plan))
        {
            using var scope = NewDisposeScope();
            var q = query.narrow(0, b0, nb).narrow(1, r0, nr);
            var k = key.narrow(0, b0, nb);
            var v = value.narrow(0, b0, nb);
            var dy = grad_output.narrow(0, b0, nb).narrow(1, r0, nr);

            var attention = q.matmul(k.transpose(1, 2)).softmax(-1);
            gradValue.narrow(0, b0, nb).add_(attention.transpose(1, 2).matmul(dy));
            var gradScores = dy.matmul(v.transpose(1, 2));                       // dA
            var rowDot = (gradScores * attention).sum(-1, keepdim: true);        // rowsum(dA ⊙ A)
            gradScores.sub_(rowDot).mul_(attention);                             // dS, in place
            gradQuery.narrow(0, b0, nb).narrow(1, r0, nr).copy_(gradScores.matmul(k));
            gradKey.narrow(0, b0, nb).add_(gradScores.transpose(1, 2).matmul(q));
        }
        return [gradQuery, gradKey, gradValue, null!, null!];
    }

    /// <summary>(first image, image count, first query row, row count) of every chunk, images outermost.</summary>
    private static IEnumerable<(long Image, long Images, long Row, long Rows)> Chunks(long batch, long queries, AttentionChunkPlan plan)
    {
        for (long b0 = 0; b0 < batch; b0 += plan.ImagesPerChunk)
        {
            long nb = Math.Min(plan.ImagesPerChunk, batch - b0);
            for (long r0 = 0; r0 < queries; r0 += plan.QueriesPerChunk)
                yield return (b0, nb, r0, Math.Min(plan.QueriesPerChunk, queries - r0));
        }
    }
}
