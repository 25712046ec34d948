using ChatMock.Chat;

namespace ChatMock.Core.Tests.Chat;

/// <summary>The chat store's own arrays: reused by size, and never more kept free than in use (or the minimum).</summary>
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
    public void Return_Of_More_Than_Is_In_Use_Keeps_At_Most_That_Or_The_Minimum()
    {
        // Arrange
        var pool = new BufferPool<byte>();
        var size = (int)(BufferPool<byte>.MinimumKept / 4);
        var arrays = Enumerable.Range(0, 12).Select(_ => pool.Rent(size)).ToList();

        // Act
        foreach (var array in arrays.Skip(2))
        {
            pool.Return(array);
        }

        var keptWhileTwoInUse = pool.Free;
        pool.Return(arrays[0]);
        pool.Return(arrays[1]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(keptWhileTwoInUse, Is.EqualTo(BufferPool<byte>.MinimumKept), "two in use are less than the minimum");
            Assert.That(pool.Free, Is.EqualTo(BufferPool<byte>.MinimumKept));
            Assert.That(pool.InUse, Is.Zero);
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
}
