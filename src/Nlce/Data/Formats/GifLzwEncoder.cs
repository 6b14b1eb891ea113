using System.Numerics;

namespace Nlce.Data.Formats;

/// <summary>
/// The variable-length-code LZW compressor of GIF89a (specification section 22 "Table Based Image Data" and
/// Appendix F). The stream opens with a Clear code, ends with the End-of-Information code, and packs codes least
/// significant bit first; sub-block framing is left to the caller.
/// </summary>
/// <remarks>
/// Code width follows the decoder. After a Clear the decoder's table holds 2^m + 2 entries (m = minimum code size);
/// it learns one new string for every code it reads except the first, so when it has read k codes its next free
/// code is 2^m + 1 + k, and it reads the following code with as many bits as that number needs (at most 12).
/// The encoder learns each string one code earlier; when it assigns code 4095 it sends a Clear and starts over.
/// </remarks>
internal sealed class GifLzwEncoder
{
    private const int MaxCodeBits = 12;
    private const int TableLimit = 1 << MaxCodeBits;

    private readonly int _alphabetSize;
    private readonly int _clearCode;
    private readonly int _endCode;

    // String table: the code of the string (prefix code, next index) sits at slot prefix·alphabet + index, stored
    // plus one so that 0 means "not in the table". Used slots are remembered so a reset clears only those.
    private readonly short[] _table;
    private readonly List<int> _usedSlots = new();
    private readonly List<byte> _output = new();
    private ulong _bitBuffer;
    private int _bitCount;
    private int _nextCode;
    private int _codesSinceClear;

    private GifLzwEncoder(int minimumCodeSize)
    {
        _alphabetSize = 1 << minimumCodeSize;
        _clearCode = _alphabetSize;
        _endCode = _alphabetSize + 1;
        _table = new short[TableLimit * _alphabetSize];
    }

    /// <summary>
    /// Compresses colour-table indices for a GIF image whose LZW minimum code size is
    /// <paramref name="minimumCodeSize"/> (2..8); every index must be below 2^minimumCodeSize.
    /// </summary>
    public static byte[] Encode(ReadOnlySpan<byte> indices, int minimumCodeSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumCodeSize, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumCodeSize, 8);
        return new GifLzwEncoder(minimumCodeSize).Run(indices);
    }

    private byte[] Run(ReadOnlySpan<byte> indices)
    {
        EmitClear();
        if (indices.Length > 0)
        {
            var prefix = CheckedIndex(indices[0]);
            for (var i = 1; i < indices.Length; i++)
            {
                var symbol = CheckedIndex(indices[i]);
                var slot = prefix * _alphabetSize + symbol;
                var known = _table[slot];
                if (known != 0)
                {
                    prefix = known - 1;
                    continue;
                }
                Emit(prefix);
                Learn(slot);
                prefix = symbol;
            }
            Emit(prefix);
        }
        Emit(_endCode);
        if (_bitCount > 0)
            _output.Add((byte)_bitBuffer);
        return _output.ToArray();
    }

    private int CheckedIndex(byte index) =>
        index < _alphabetSize
            ? index
            : throw new ArgumentException(
                $"colour index {index} does not fit the LZW alphabet of {_alphabetSize} symbols.", nameof(index));

    private void Learn(int slot)
    {
        _table[slot] = (short)(_nextCode + 1);
        _usedSlots.Add(slot);
        _nextCode++;
        if (_nextCode == TableLimit)
            EmitClear();
    }

    private void EmitClear()
    {
        Emit(_clearCode);
        foreach (var slot in _usedSlots)
            _table[slot] = 0;
        _usedSlots.Clear();
        _nextCode = _endCode + 1;
        _codesSinceClear = 0;
    }

    private void Emit(int code)
    {
        // The decoder has read _codesSinceClear codes since the last Clear; its next free code is
        // alphabet + 1 + _codesSinceClear, and this code is read with the bit length of that number.
        var width = 32 - BitOperations.LeadingZeroCount((uint)(_alphabetSize + 1 + _codesSinceClear));
        _codesSinceClear++;
        _bitBuffer |= (ulong)code << _bitCount;
        _bitCount += width;
        while (_bitCount >= 8)
        {
            _output.Add((byte)_bitBuffer);
            _bitBuffer >>= 8;
            _bitCount -= 8;
        }
    }
}
