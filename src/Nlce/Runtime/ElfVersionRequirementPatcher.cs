using System.Buffers.Binary;
using System.Text;

namespace Nlce.Runtime;

/// <summary>
/// Marks one symbol-version requirement of an ELF64 little-endian shared library as weak.
/// </summary>
/// <remarks>
/// The GNU dynamic loader refuses to load a library whose <c>.gnu.version_r</c> section (SHT_GNU_verneed) requires a
/// version that the providing library lacks, unless that requirement carries <c>VER_FLG_WEAK</c> (0x2): then a missing
/// version is tolerated. TorchSharp 0.107.0's <c>libLibTorchSharp.so</c> requires GLIBCXX_3.4.32 for one symbol,
/// <c>std::ios_base_library_init()</c>, which GCC 13's &lt;iostream&gt; references but nothing calls or relocates;
/// Debian 12's libstdc++ stops at GLIBCXX_3.4.30. Setting the weak flag on that one entry, in a copy of the library,
/// lets it load (see <see cref="TorchRuntime"/>). Layouts follow the System V gABI and the LSB "Symbol Versioning"
/// chapter: Elf64_Verneed {vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32} and
/// Elf64_Vernaux {vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32}.
/// </remarks>
public static class ElfVersionRequirementPatcher
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>
    /// Sets VER_FLG_WEAK on every requirement of <paramref name="versionName"/> in <paramref name="image"/>.
    /// Returns the number of entries changed (0 when the library does not require that version).
    /// </summary>
    /// <exception cref="FormatException">The bytes are not a well-formed ELF64 little-endian file.</exception>
    public static int MarkRequirementWeak(Span<byte> image, string versionName)
    {
        ArgumentException.ThrowIfNullOrEmpty(versionName);
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
            throw new FormatException("not an ELF file (bad magic)");
        if (image[4] != 2 || image[5] != 1)
            throw new FormatException($"only ELF64 little-endian is supported (EI_CLASS={image[4]}, EI_DATA={image[5]})");

        ulong sectionHeaderOffset = BinaryPrimitives.ReadUInt64LittleEndian(image[0x28..]);
        int sectionHeaderSize = BinaryPrimitives.ReadUInt16LittleEndian(image[0x3A..]);
        int sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(image[0x3C..]);
        if (sectionHeaderSize < 64 || sectionHeaderOffset + (ulong)(sectionCount * sectionHeaderSize) > (ulong)image.Length)
            throw new FormatException("section header table lies outside the file");

        int changed = 0;
        for (int i = 0; i < sectionCount; i++)
        {
            var header = image.Slice(checked((int)sectionHeaderOffset + i * sectionHeaderSize), sectionHeaderSize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != ShtGnuVerneed)
                continue;
            int offset = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header[24..]));
            int size = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header[32..]));
            int linkedStrings = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[40..]);
            int entryCount = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[44..]);
            var stringHeader = image.Slice(checked((int)sectionHeaderOffset + linkedStrings * sectionHeaderSize), sectionHeaderSize);
            int stringsOffset = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(stringHeader[24..]));
            changed += PatchVerneedEntries(image, offset, size, entryCount, stringsOffset, versionName);
        }
        return changed;
    }

    private static int PatchVerneedEntries(Span<byte> image, int sectionOffset, int sectionSize, int entryCount, int stringsOffset, string versionName)
    {
        int changed = 0;
        int need = sectionOffset;
        for (int n = 0; n < entryCount; n++)
        {
            if (need + 16 > sectionOffset + sectionSize)
                throw new FormatException("Elf64_Verneed entry runs past .gnu.version_r");
            int auxCount = BinaryPrimitives.ReadUInt16LittleEndian(image[(need + 2)..]);
            int aux = need + (int)BinaryPrimitives.ReadUInt32LittleEndian(image[(need + 8)..]);
            for (int a = 0; a < auxCount; a++)
            {
                if (aux + 16 > sectionOffset + sectionSize)
                    throw new FormatException("Elf64_Vernaux entry runs past .gnu.version_r");
                int nameOffset = stringsOffset + (int)BinaryPrimitives.ReadUInt32LittleEndian(image[(aux + 8)..]);
                if (ReadCString(image, nameOffset) == versionName)
                {
                    var flags = image.Slice(aux + 4, 2);
                    BinaryPrimitives.WriteUInt16LittleEndian(flags, (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(flags) | VerFlagWeak));
                    changed++;
                }
                aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(image[(aux + 12)..]);
            }
            int next = (int)BinaryPrimitives.ReadUInt32LittleEndian(image[(need + 12)..]);
            if (next == 0)
                break;
            need += next;
        }
        return changed;
    }

    private static string ReadCString(ReadOnlySpan<byte> image, int offset)
    {
        int end = image[offset..].IndexOf((byte)0);
        if (end < 0)
            throw new FormatException($"unterminated string at offset {offset}");
        return Encoding.ASCII.GetString(image.Slice(offset, end));
    }
}
