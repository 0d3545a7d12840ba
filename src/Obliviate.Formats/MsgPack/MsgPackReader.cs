using System.Buffers.Binary;

namespace Obliviate.Formats.MsgPack;

/// <summary>
/// Checks that a file is exactly one MessagePack document (https://github.com/msgpack/msgpack/blob/master/spec.md), as
/// Flax's flax_model.msgpack is, by walking every object header and skipping payloads without buffering them. A
/// document holds values only: nil, booleans, numbers, strings, binaries, arrays, maps and typed extension blobs.
/// </summary>
public static class MsgPackReader
{
    /// <summary>Walks the document from the stream's start (the stream must be seekable).</summary>
    /// <returns>The number of objects and of extension values (Flax stores arrays as extension type 1).</returns>
    /// <exception cref="InvalidDataException">The bytes are not one complete MessagePack document.</exception>
    public static (long Objects, long Extensions) Validate(Stream stream, long length, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek) throw new ArgumentException("MessagePack validation needs a seekable stream", nameof(stream));
        stream.Position = 0;
        return new Walk(new BufferedStream(stream, 1 << 16), length).Run(ct);
    }

    private sealed class Walk(Stream input, long length)
    {
        private readonly byte[] _scratch = new byte[4];
        private long _position;

        public (long, long) Run(CancellationToken ct)
        {
            long pending = 1, objects = 0, extensions = 0;
            while (pending > 0)
            {
                if (++objects % 65536 == 0) ct.ThrowIfCancellationRequested();
                pending--;
                var b = U8();
                long children = 0, skip = 0;
                switch (b)
                {
                    case <= 0x7f or >= 0xe0 or 0xc0 or 0xc2 or 0xc3: break;
                    case >= 0x80 and <= 0x8f: children = 2L * (b & 0x0f); break;
                    case >= 0x90 and <= 0x9f: children = b & 0x0f; break;
                    case >= 0xa0 and <= 0xbf: skip = b & 0x1f; break;
                    case 0xc4 or 0xd9: skip = U8(); break;
                    case 0xc5 or 0xda: skip = U16(); break;
                    case 0xc6 or 0xdb: skip = U32(); break;
                    case 0xc7: skip = 1 + U8(); extensions++; break;
                    case 0xc8: skip = 1 + U16(); extensions++; break;
                    case 0xc9: skip = 1 + U32(); extensions++; break;
                    case >= 0xd4 and <= 0xd8: skip = 1 + (1L << (b - 0xd4)); extensions++; break;
                    case 0xca or 0xce or 0xd2: skip = 4; break;
                    case 0xcb or 0xcf or 0xd3: skip = 8; break;
                    case 0xcc or 0xd0: skip = 1; break;
                    case 0xcd or 0xd1: skip = 2; break;
                    case 0xdc: children = U16(); break;
                    case 0xdd: children = U32(); break;
                    case 0xde: children = 2L * U16(); break;
                    case 0xdf: children = 2L * U32(); break;
                    default: throw new InvalidDataException($"byte 0x{b:x2} at offset {_position - 1} is not a MessagePack type");
                }
                // Every child takes at least one byte: more children than bytes left is a truncated or hostile header.
                if (children > length - _position) throw new InvalidDataException($"a container at offset {_position} declares {children} children past the end of the file");
                pending += children;
                Skip(skip);
            }
            if (_position != length) throw new InvalidDataException($"{length - _position} bytes follow the MessagePack document");
            return (objects, extensions);
        }

        private byte U8() => Read(1)[0];
        private ushort U16() => BinaryPrimitives.ReadUInt16BigEndian(Read(2));
        private uint U32() => BinaryPrimitives.ReadUInt32BigEndian(Read(4));

        private ReadOnlySpan<byte> Read(int count)
        {
            if (_position + count > length) throw new InvalidDataException($"truncated MessagePack header at offset {_position}");
            input.ReadExactly(_scratch, 0, count);
            _position += count;
            return _scratch.AsSpan(0, count);
        }

        private void Skip(long count)
        {
            if (count == 0) return;
            if (_position + count > length) throw new InvalidDataException($"a value at offset {_position} runs {count} bytes past the end of the file");
            input.Seek(count, SeekOrigin.Current);
            _position += count;
        }
    }
}
