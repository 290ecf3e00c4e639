using Sim.Tests.Shared;
using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Tests.Memory;

/// <summary>
/// GuestMemory behaves like a plain byte array of the same size under random sequences of span writes, span reads,
/// fills and scalar accesses at random addresses (biased to page boundaries and to the end of memory): same bytes read,
/// the same accesses refused, and exactly the pages a model of "materialise on first write" predicts.
/// </summary>
public sealed class GuestMemoryModelPropertyTests
{
    private const int Pages = 8;
    private const int Size = Pages * GuestMemory.PageSize;

    private enum OpKind { Write, Read, Fill, WriteScalar, ReadScalar }

    /// <summary>One step. Length is the span length, or the scalar width (2, 4, 8) for scalar steps.</summary>
    private sealed record MemoryOp(OpKind Kind, ulong Address, int Length, byte Seed)
    {
        public override string ToString() => $"{Kind}@0x{Address:x}+{Length}/{Seed}";
    }

    private static readonly Gen<ulong> Addresses = Gen.Frequency(
        (3, from page in Gen.Choose(0, Pages)
            from delta in Gen.Choose(-12, 12)
            select (ulong)Math.Max(0, page * GuestMemory.PageSize + delta)),
        (3, Gen.Choose(0, Size - 1).Select(a => (ulong)a)),
        (1, Gen.Choose(Size - 16, Size + 16).Select(a => (ulong)a)));

    private static readonly Gen<int> SpanLengths = Gen.Frequency(
        (4, Gen.Choose(0, 24)),
        (2, Gen.Choose(0, GuestMemory.PageSize + 16)),
        (1, Gen.Choose(0, 3 * GuestMemory.PageSize)));

    private static readonly Gen<MemoryOp> Ops =
        from kind in Gen.Elements(OpKind.Write, OpKind.Read, OpKind.Fill, OpKind.WriteScalar, OpKind.ReadScalar)
        from address in Addresses
        from length in kind is OpKind.WriteScalar or OpKind.ReadScalar ? Gen.Elements(2, 4, 8) : SpanLengths
        from seed in Gen.Choose(0, 255)
        select new MemoryOp(kind, address, length, (byte)seed);

    private static readonly Gen<MemoryOp[]> Programs = from count in Gen.Choose(1, 60) from ops in Gen.ArrayOf(Ops, count) select ops;

    [Fact]
    public void Guest_memory_matches_a_byte_array_model()
    {
        var property = Prop.ForAll(Programs.ToArbitrary(), ops =>
        {
            string? failure = Run(ops);
            return (failure is null).Label(failure ?? "");
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    /// <summary>Runs <paramref name="ops"/> on both sides; the first divergence, or null.</summary>
    private static string? Run(MemoryOp[] ops)
    {
        var memory = new GuestMemory("vm1", Size);
        var model = new byte[Size];
        var modelPages = new HashSet<int>();

        for (int step = 0; step < ops.Length; step++)
        {
            var op = ops[step];
            bool inRange = op.Address + (ulong)op.Length <= Size;
            string where = $"step {step} ({op})";
            if (inRange)
            {
                string? divergence = Apply(memory, model, modelPages, op);
                if (divergence is not null) return $"{where}: {divergence}";
            }
            else if (!IsRefused(memory, op))
            {
                return $"{where}: out of range but not refused";
            }
            if (memory.MaterialisedPages != modelPages.Count)
                return $"{where}: {memory.MaterialisedPages} pages materialised, model says {modelPages.Count}";
        }

        var all = new byte[Size];
        memory.Read(0, all);
        int first = all.AsSpan().CommonPrefixLength(model);
        return first == Size ? null : $"after all steps: byte 0x{first:x} is 0x{all[first]:x}, model says 0x{model[first]:x}";
    }

    /// <summary>Whether GuestMemory refuses an out-of-range step with its range error (nothing may change: checked after).</summary>
    private static bool IsRefused(GuestMemory memory, MemoryOp op)
    {
        try
        {
            switch (op.Kind)
            {
                case OpKind.Write: memory.Write(op.Address, new byte[op.Length]); break;
                case OpKind.Fill: memory.Fill(op.Address, (ulong)op.Length, op.Seed); break;
                case OpKind.Read: memory.Read(op.Address, new byte[op.Length]); break;
                case OpKind.WriteScalar when op.Length == 2: memory.WriteUInt16(op.Address, 1); break;
                case OpKind.WriteScalar when op.Length == 4: memory.WriteUInt32(op.Address, 1); break;
                case OpKind.WriteScalar: memory.WriteUInt64(op.Address, 1); break;
                case OpKind.ReadScalar when op.Length == 2: memory.ReadUInt16(op.Address); break;
                case OpKind.ReadScalar when op.Length == 4: memory.ReadUInt32(op.Address); break;
                default: memory.ReadUInt64(op.Address); break;
            }
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            return true;
        }
    }

    private static string? Apply(GuestMemory memory, byte[] model, HashSet<int> modelPages, MemoryOp op)
    {
        int address = (int)op.Address; // in range: below Size
        switch (op.Kind)
        {
            case OpKind.Write:
            {
                var data = Enumerable.Range(0, op.Length).Select(i => (byte)(op.Seed + i * 7)).ToArray();
                memory.Write(op.Address, data);
                data.CopyTo(model, address);
                Materialise(modelPages, address, op.Length);
                return null;
            }
            case OpKind.Fill:
            {
                memory.Fill(op.Address, (ulong)op.Length, op.Seed);
                model.AsSpan(address, op.Length).Fill(op.Seed);
                // Fill with zero writes only pages that already exist.
                if (op.Seed != 0) Materialise(modelPages, address, op.Length);
                return null;
            }
            case OpKind.Read:
            {
                var read = new byte[op.Length];
                memory.Read(op.Address, read);
                int same = read.AsSpan().CommonPrefixLength(model.AsSpan(address, op.Length));
                return same == op.Length ? null : $"read byte +{same} = 0x{read[same]:x}, model says 0x{model[address + same]:x}";
            }
            case OpKind.WriteScalar:
            {
                ulong value = 0x0102030405060708UL * (op.Seed | 1UL);
                var bytes = new byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
                switch (op.Length)
                {
                    case 2: memory.WriteUInt16(op.Address, (ushort)value); break;
                    case 4: memory.WriteUInt32(op.Address, (uint)value); break;
                    default: memory.WriteUInt64(op.Address, value); break;
                }
                bytes.AsSpan(0, op.Length).CopyTo(model.AsSpan(address));
                Materialise(modelPages, address, op.Length);
                return null;
            }
            default:
            {
                ulong actual = op.Length switch
                {
                    2 => memory.ReadUInt16(op.Address),
                    4 => memory.ReadUInt32(op.Address),
                    _ => memory.ReadUInt64(op.Address),
                };
                var bytes = new byte[8];
                model.AsSpan(address, op.Length).CopyTo(bytes);
                ulong expected = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
                return actual == expected ? null : $"scalar read 0x{actual:x}, model says 0x{expected:x}";
            }
        }
    }

    private static void Materialise(HashSet<int> pages, int address, int length)
    {
        if (length == 0) return;
        for (int page = address / GuestMemory.PageSize; page <= (address + length - 1) / GuestMemory.PageSize; page++) pages.Add(page);
    }
}
