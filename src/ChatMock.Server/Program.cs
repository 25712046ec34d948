using ChatMock.Server;

return await ChatMockServerProgram.RunAsync(args).ConfigureAwait(false);
