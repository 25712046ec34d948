namespace ChatMock.Operations;

/// <summary>
/// The handler of one kind of operation, named in <c>contracts/openapi.json</c> by <c>x-chatmock-handler</c> and
/// registered in <see cref="OperationHandlers"/>: it gets the validated document and what the protocol step found,
/// and returns the answer model; routing, forced faults, protocol, reading, validation, shaping and recording are the pipeline's.
/// </summary>
internal interface IOperationHandler
{
    /// <summary>
    /// Reads the validated document into the operation's input (<see cref="OperationCall.Input"/>, and the journal's
    /// record); runs before a forced fault, which is answered without <see cref="Handle"/>.
    /// </summary>
    /// <param name="call">The call.</param>
    void Read(OperationCall call);

    /// <summary>What a forced 404 says was not found, such as <c>ChatSession id 403</c>; after <see cref="Read"/>.</summary>
    /// <param name="call">The call.</param>
    /// <returns>The thing not found.</returns>
    string Missing(OperationCall call);

    /// <summary>Answers one validated call, after <see cref="Read"/>.</summary>
    /// <param name="call">The call: its operation, document, format, time zone, locale and warnings.</param>
    /// <returns>The answer model, or a refusal.</returns>
    OperationAnswer Handle(OperationCall call);

    /// <summary>Starts the handler's state (ids, sessions) again from the beginning.</summary>
    void Reset();
}
