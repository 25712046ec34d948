using BenchmarkDotNet.Running;
using ChatMock.Benchmarks;

// `startup` and `heap` are helpers of bench/load.sh, `profile` (engine), `hostloop` (in-memory host) and `frontdoor` (the standalone server without sockets) plain loops for finding a cause, `chatmemory` the memory per kept chat message, `storememory` the engine's memory at the load's pattern; anything else goes to BenchmarkDotNet (e.g. --filter '*Engine*').
return args.FirstOrDefault() switch
{
    "startup" => await StartupProbe.RunAsync(),
    "heap" => await HeapProbe.RunAsync(args.Skip(1).ToArray()),
    "profile" => EngineProfile.Run(args.Skip(1).ToArray()),
    "hostloop" => await HostLoop.RunAsync(args.Skip(1).ToArray()),
    "frontdoor" => await FrontDoorProbe.RunAsync(args.Skip(1).ToArray()),
    "chatmemory" => ChatMemoryProbe.Run(),
    "storememory" => StoreMemoryProbe.Run(),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
    return 0;
}
