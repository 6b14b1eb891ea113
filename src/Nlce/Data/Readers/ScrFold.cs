namespace Nlce.Data.Readers;

/// <summary>
/// The two folds of the SCR protocol (van Ginneken et al. 2006; reference notes §4.2): fold 1 holds the
/// odd-numbered JSRT images (124), fold 2 the even-numbered ones (123). One fold trains, the other tests.
/// </summary>
public enum ScrFold
{
    Fold1 = 1,
    Fold2 = 2,
}
