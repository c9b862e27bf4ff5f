using System.Text;

namespace Isop.Crawling.Torrents;

internal sealed class BencodeException(string message, long offset) : Exception($"{message} at byte {offset}")
{
    public long Offset { get; } = offset;
}

/// <summary>A bencoded value: an integer, a byte string, a list, or a dictionary with sorted byte-string keys.</summary>
internal abstract record BValue(int Start, int End);

internal sealed record BInteger(long Value, int Start, int End) : BValue(Start, End);

internal sealed record BBytes(byte[] Value, int Start, int End) : BValue(Start, End)
{
    public string Text => Encoding.UTF8.GetString(Value);
}

internal sealed record BList(IReadOnlyList<BValue> Items, int Start, int End) : BValue(Start, End);

internal sealed record BDictionary(IReadOnlyList<KeyValuePair<string, BValue>> Entries, int Start, int End) : BValue(Start, End)
{
    public BValue? this[string key] => Entries.FirstOrDefault(e => e.Key == key).Value;
}

/// <summary>
/// A strict, bounded bencode parser (BEP 3): integers without leading zeros or -0, byte strings within the input,
/// dictionary keys unique and in sorted order, nesting and item counts capped, nothing after the top value.
/// Every value keeps its byte range, so that an info dictionary can be hashed exactly as it was encoded.
/// </summary>
internal static class Bencode
{
    public const int MaxDepth = 64;
    public const int MaxItems = 1_000_000;

    public static BValue Parse(ReadOnlySpan<byte> data)
    {
        var parser = new Parser(data);
        var value = parser.Value(0);
        if (parser.Position != data.Length) throw new BencodeException("data after the end of the top value", parser.Position);
        return value;
    }

    private ref struct Parser(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> data = data;
        private int items;
        public int Position;

        public BValue Value(int depth)
        {
            if (depth > MaxDepth) throw new BencodeException($"nesting deeper than {MaxDepth}", Position);
            if (++items > MaxItems) throw new BencodeException($"more than {MaxItems} values", Position);
            if (Position >= data.Length) throw new BencodeException("unexpected end of data", Position);
            var start = Position;
            switch (data[Position])
            {
                case (byte)'i':
                    Position++;
                    var number = Integer((byte)'e');
                    return new BInteger(number, start, Position);
                case (byte)'l':
                    Position++;
                    var list = new List<BValue>();
                    while (Peek() != 'e') list.Add(Value(depth + 1));
                    Position++;
                    return new BList(list, start, Position);
                case (byte)'d':
                    Position++;
                    var entries = new List<KeyValuePair<string, BValue>>();
                    byte[]? previous = null;
                    while (Peek() != 'e')
                    {
                        var keyAt = Position;
                        if (data[Position] is < (byte)'0' or > (byte)'9') throw new BencodeException("dictionary key is not a byte string", Position);
                        var key = Bytes();
                        if (previous is not null)
                        {
                            var order = key.AsSpan().SequenceCompareTo(previous);
                            if (order == 0) throw new BencodeException($"duplicate dictionary key '{Encoding.UTF8.GetString(key)}'", keyAt);
                            if (order < 0) throw new BencodeException($"dictionary key '{Encoding.UTF8.GetString(key)}' out of order", keyAt);
                        }
                        previous = key;
                        entries.Add(new(Encoding.UTF8.GetString(key), Value(depth + 1)));
                    }
                    Position++;
                    return new BDictionary(entries, start, Position);
                case >= (byte)'0' and <= (byte)'9':
                    var bytes = Bytes();
                    return new BBytes(bytes, start, Position);
                default:
                    throw new BencodeException($"unexpected byte 0x{data[Position]:x2}; expected i, l, d or a digit", Position);
            }
        }

        private char Peek()
        {
            if (Position >= data.Length) throw new BencodeException("unexpected end of data (missing 'e')", Position);
            return (char)data[Position];
        }

        private byte[] Bytes()
        {
            var at = Position;
            var length = Integer((byte)':');
            if (length < 0) throw new BencodeException("negative string length", at);
            if (length > data.Length - Position) throw new BencodeException($"string of {length} bytes runs past the end of data", at);
            var bytes = data.Slice(Position, (int)length).ToArray();
            Position += (int)length;
            return bytes;
        }

        private long Integer(byte terminator)
        {
            var start = Position;
            var negative = Position < data.Length && data[Position] == '-';
            if (negative) Position++;
            var digitsStart = Position;
            long value = 0;
            while (Position < data.Length && data[Position] is >= (byte)'0' and <= (byte)'9')
            {
                var digit = data[Position] - '0';
                if (value > (long.MaxValue - digit) / 10) throw new BencodeException("integer out of range", start);
                value = value * 10 + digit;
                Position++;
            }
            var digits = Position - digitsStart;
            if (digits == 0) throw new BencodeException("expected digits", Position);
            if (Position >= data.Length || data[Position] != terminator)
                throw new BencodeException($"expected '{(char)terminator}'", Position);
            if (digits > 1 && data[digitsStart] == '0') throw new BencodeException("integer with a leading zero", start);
            if (negative && value == 0) throw new BencodeException("negative zero", start);
            if (negative && terminator == ':') throw new BencodeException("negative string length", start);
            Position++;
            return negative ? -value : value;
        }
    }
}
