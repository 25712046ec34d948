namespace ChatMock.Routing;

/// <summary>What the routing step found: the operation a request names.</summary>
/// <param name="Path">The path the request matched, whose parameters the call may read.</param>
/// <param name="Operation">The operation the method names on it.</param>
internal readonly record struct RoutedOperation(OperationPath Path, Operation Operation);
