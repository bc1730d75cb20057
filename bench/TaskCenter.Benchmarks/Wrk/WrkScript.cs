namespace TaskCenter.Benchmarks.Wrk;

/// <summary>
/// The wrk Lua script for S1 over HTTP: every request adds a one-shot task (POST /v1/api/task) with data unique per
/// request (run id, thread, counter), so the add dedupe never answers from an existing task. Arguments after "--":
/// the start_time (unix seconds) and the run id. With several servers, the environment variable
/// <see cref="ServersVariable"/> lists them (host:port, comma-separated) and thread i connects to server i mod n.
/// </summary>
public static class WrkScript
{
    /// <summary>The environment variable naming the servers wrk's threads spread over (host:port, comma-separated).</summary>
    public const string ServersVariable = "TASKCENTER_WRK_SERVERS";

    public const string Lua = """
        local counter = 0
        local threads = {}
        local servers = {}
        for host, port in string.gmatch(os.getenv("TASKCENTER_WRK_SERVERS") or "", "([^,]+):(%d+)") do
          table.insert(servers, {host, port})
        end

        function setup(thread)
          local index = #threads + 1
          thread:set("thread_id", index)
          table.insert(threads, thread)
          if #servers > 0 then
            local server = servers[(index - 1) % #servers + 1]
            thread.addr = wrk.lookup(server[1], server[2])[1]
          end
        end

        function init(args)
          start_time = args[1]
          run_id = args[2]
        end

        function request()
          counter = counter + 1
          local body = '{"name":"bench","type":1,"data":"wrk-' .. run_id .. '-' .. thread_id .. '-' .. counter ..
                       '","start_time":' .. start_time .. '}'
          return wrk.format("POST", "/v1/api/task", {["Content-Type"] = "application/json"}, body)
        end
        """;

    /// <summary>Writes the script to a new temporary file and returns its path.</summary>
    public static string WriteTemporaryFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"taskcenter-bench-{Guid.NewGuid():N}.lua");
        File.WriteAllText(path, Lua);
        return path;
    }
}
