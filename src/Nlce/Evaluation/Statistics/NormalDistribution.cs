namespace Nlce.Evaluation.Statistics;

/// <summary>The standard normal distribution's CDF, via the complementary error function.</summary>
public static class NormalDistribution
{
    /// <summary>Φ(z) = ½ erfc(−z/√2).</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>
    /// erfc(x) to about 1e-13 relative accuracy: the Maclaurin series of erf for |x| &lt; 2.5, and for larger |x| the
    /// continued fraction erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) evaluated by the modified Lentz method.
    /// </summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
            return double.NaN;
        if (x < 0)
            return 2 - Erfc(-x);
        if (x < 2.5)
            return 1 - ErfSeries(x);
        const double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int k = 1; k < 500; k++)
        {
            double a = k / 2.0;
            d = x + a * d;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
                break;
        }
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }

    private static double ErfSeries(double x)
    {
        double sum = 0, term = x, x2 = x * x;
        for (int n = 0; n < 200; n++)
        {
            double contribution = term / (2 * n + 1);
            sum += contribution;
            if (Math.Abs(contribution) < 1e-17 * Math.Abs(sum))
                break;
            term *= -x2 / (n + 1);
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }
}
