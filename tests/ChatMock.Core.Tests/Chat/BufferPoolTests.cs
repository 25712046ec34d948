using ChatMock.Chat;

namespace ChatMock.Core.Tests.Chat;

/// <summary>The chat store's own arrays: reused by size, and never more kept free than an eighth of those in use (or the minimum).</summary>
public sealed class BufferPoolTests
{
    [Test]
    public void Rent_After_Return_Of_The_Same_Size_Gives_The_Same_Array()
    {
        // Arrange
        var pool = new BufferPool<byte>();
        var first = pool.Rent(300);
        pool.Return(first);

        // Act
        var second = pool.Rent(500);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first, Has.Length.EqualTo(512), "a power of two");
            Assert.That(second, Is.SameAs(first));
            Assert.That(pool.InUse, Is.EqualTo(512));
            Assert.That(pool.Free, Is.Zero);
        });
    }

    [Test]
    public void Return_Past_The_Bound_Keeps_An_Eighth_Of_Those_In_Use_Or_The_Minimum()
    {
        // Arrange
        var pool = new BufferPool<byte>();
        const int Size = 64 * 1024;
        var arrays = Enumerable.Range(0, 80).Select(_ => pool.Rent(Size)).ToList();

        // Act
        foreach (var array in arrays.Take(16))
        {
            pool.Return(array);
        }

        var keptWhile64InUse = pool.Free;
        pool.Return(arrays[16]);
        var keptWhile63InUse = pool.Free;
        foreach (var array in arrays.Skip(17))
        {
            pool.Return(array);
        }

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(keptWhile64InUse, Is.EqualTo(8 * Size), "an eighth of 64");
            Assert.That(keptWhile63InUse, Is.EqualTo(7 * Size), "at most an eighth of 63");
            Assert.That(pool.Free, Is.EqualTo(BufferPool<byte>.MinimumKept), "none in use: the minimum");
            Assert.That(pool.InUse, Is.Zero);
        });
    }

    [Test]
    public void Rent_With_None_Free_Of_Its_Size_Takes_One_Of_The_Next_Size_But_None_Larger()
    {
        // Arrange
        var pool = new BufferPool<byte>();
        var twice = pool.Rent(1024);
        var fourTimes = pool.Rent(2048);
        pool.Return(fourTimes);
        pool.Return(twice);

        // Act
        var first = pool.Rent(512);
        var second = pool.Rent(512);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.SameAs(twice), "the free array of the next size");
            Assert.That(second, Has.Length.EqualTo(512), "four times the size is not taken: a new one");
            Assert.That(pool.InUse, Is.EqualTo(1024 + 512));
            Assert.That(pool.Free, Is.EqualTo(2048));
        });
    }

    [Test]
    public void Return_Past_The_Bound_Lets_The_Smallest_Go_First()
    {
        // Arrange: the minimum kept is 256 Ki elements; 64 small arrays of 4 Ki fill it.
        var pool = new BufferPool<byte>();
        var small = Enumerable.Range(0, 64).Select(_ => pool.Rent(4 * 1024)).ToList();
        var large = pool.Rent(128 * 1024);
        foreach (var array in small)
        {
            pool.Return(array);
        }

        // Act
        pool.Return(large);

        // Assert: the large one is kept, and 32 of the small ones went to make room for it.
        Assert.Multiple(() =>
        {
            Assert.That(pool.Free, Is.EqualTo(BufferPool<byte>.MinimumKept));
            Assert.That(pool.Rent(128 * 1024), Is.SameAs(large));
        });
    }

    [Test]
    public void Rent_Of_More_Than_The_Largest_Kept_Gives_An_Array_Of_That_Size()
    {
        // Arrange
        var pool = new BufferPool<int>();

        // Act
        var large = pool.Rent((1 << 20) + 1);
        pool.Return(large);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(large, Has.Length.EqualTo((1 << 20) + 1));
            Assert.That(pool.InUse, Is.Zero);
            Assert.That(pool.Free, Is.Zero, "not kept");
        });
    }

    [Test]
    public void RentExact_Gives_The_Size_Asked_And_Keeps_It_Back_Only_If_A_Power_Of_Two()
    {
        // Arrange
        var pool = new BufferPool<byte>();

        // Act
        var odd = pool.RentExact(5_000);
        var inUse = pool.InUse;
        pool.Return(odd);
        var even = pool.RentExact(4_096);
        pool.Return(even);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(odd, Has.Length.EqualTo(5_000));
            Assert.That(inUse, Is.EqualTo(5_000));
            Assert.That(pool.InUse, Is.Zero);
            Assert.That(pool.Free, Is.EqualTo(4_096), "only the power of two kept");
            Assert.That(pool.Rent(4_000), Is.SameAs(even));
        });
    }
}
