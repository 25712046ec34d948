namespace ChatMock.Journal;

/// <summary>Whether a call, known by its <see cref="CallSummary"/>, is one a reader of the journal wants.</summary>
internal delegate bool CallSummaryFilter(CallSummary summary);
