using System.Diagnostics;
using System.Text.Json.Nodes;
using ResearchKit.Tests.Cli;

namespace ResearchKit.Tests.Notebooks.Kernel;

/// <summary>The real kernel (the built `researchkit kernel`), started by Debian's jupyter_client from an installed kernelspec.</summary>
public sealed class JupyterKernelTests : IDisposable
{
    private readonly string prefix = Directory.CreateTempSubdirectory("rk-kernelspec-").FullName;

    public void Dispose() => Directory.Delete(prefix, recursive: true);

    [Fact]
    public void JupyterClient_StartsTheKernel_GetsItsInfo_ExecutesCells_AndShutsItDown()
    {
        var install = CliProcess.Run("kernel", "install", "--prefix", prefix, "--name", "rk-test");
        Assert.True(install.ExitCode == 0, install.Stderr);
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(prefix, "share", "jupyter", "kernels", "rk-test", "kernel.json")))!;
        Assert.Equal(CliProcess.Executable, (string)spec["argv"]![0]!);
        foreach (var size in new[] { 32, 64 })
        {
            var logo = ResearchKit.Data.Png.Read(Path.Combine(prefix, "share", "jupyter", "kernels", "rk-test", $"logo-{size}x{size}.png"));
            Assert.Equal((size, size), (logo.Height, logo.Width));
        }
        var lines = Client("""
            info = kc.kernel_info(reply=True)['content']
            print(json.dumps({'impl': info['implementation'], 'lang': info['language_info']['name'], 'protocol': info['protocol_version']}))
            outs = []
            r = kc.execute_interactive('Console.WriteLine("hi"); var n = 40; n + 2', timeout=120, output_hook=lambda m: outs.append(m))
            print(json.dumps({'status': r['content']['status'], 'count': r['content']['execution_count'],
                              'types': [m['msg_type'] for m in outs],
                              'stream': [m['content']['text'] for m in outs if m['msg_type'] == 'stream'],
                              'result': [m['content']['data']['text/plain'] for m in outs if m['msg_type'] == 'execute_result']}))
            r = kc.execute_interactive('n * 2', timeout=120, output_hook=lambda m: outs.append(m))
            print(json.dumps({'status': r['content']['status'], 'result': outs[-2]['content']['data']['text/plain']}))
            r = kc.execute_interactive('var y = ;', timeout=120, output_hook=lambda m: None)
            print(json.dumps({'status': r['content']['status'], 'ename': r['content']['ename']}))
            """);
        Assert.Equal("researchkit", (string)lines[0]["impl"]!);
        Assert.Equal("5.3", (string)lines[0]["protocol"]!);
        Assert.Equal("ok", (string)lines[1]["status"]!);
        Assert.Equal(1, (int)lines[1]["count"]!);
        Assert.Equal(["status", "execute_input", "stream", "execute_result", "status"], lines[1]["types"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("hi\n", (string)lines[1]["stream"]![0]!);
        Assert.Equal("42", (string)lines[1]["result"]![0]!);
        Assert.Equal(("ok", "80"), ((string)lines[2]["status"]!, (string)lines[2]["result"]!)); // n = 40 carries over between cells
        Assert.Equal(("error", "CompilationError"), ((string)lines[3]["status"]!, (string)lines[3]["ename"]!));
        Assert.Equal("False", (string)lines[4]["alive"]!);
    }

    [Fact]
    public void CompleteAndInspect_UseTheVariablesOfEarlierCells()
    {
        Assert.Equal(0, CliProcess.Run("kernel", "install", "--prefix", prefix, "--name", "rk-test").ExitCode);
        var lines = Client("""
            kc.execute_interactive('var numbers = new List<int> { 1, 2, 3 }; var total = 6;', timeout=120, output_hook=lambda m: None)
            c = kc.complete('numbers.Cou', 11, reply=True, timeout=60)['content']
            print(json.dumps({'matches': c['matches'], 'start': c['cursor_start'], 'end': c['cursor_end']}))
            c = kc.complete('tot', 3, reply=True, timeout=60)['content']
            print(json.dumps({'matches': c['matches']}))
            i = kc.inspect('numbers.Add', 11, reply=True, timeout=60)['content']
            print(json.dumps({'found': i['found'], 'text': i['data'].get('text/plain', '')}))
            i = kc.inspect('total', 5, reply=True, timeout=60)['content']
            print(json.dumps({'found': i['found'], 'text': i['data'].get('text/plain', '')}))
            def is_complete(code):
                kc.is_complete(code)
                return kc.get_shell_msg(timeout=60)['content']['status']
            print(json.dumps({'is_complete': [is_complete(c) for c in ('var x = 1;', 'for (var i = 0; i < 3; i++) {', 'var s = "open')]}))
            """);
        Assert.Contains("Count", lines[0]["matches"]!.AsArray().Select(m => (string)m!));
        Assert.Equal((8, 11), ((int)lines[0]["start"]!, (int)lines[0]["end"]!));
        Assert.Contains("total", lines[1]["matches"]!.AsArray().Select(m => (string)m!));
        Assert.True((bool)lines[2]["found"]!);
        Assert.Contains("List<int>.Add(int)", (string)lines[2]["text"]!);
        Assert.Contains("6", (string)lines[3]["text"]!);
        Assert.Equal(["complete", "incomplete", "incomplete"], lines[4]["is_complete"]!.AsArray().Select(s => (string)s!));
    }

    [Fact]
    public void AHundredExecuteRequests_LeakNoThreadsOrSockets()
    {
        Assert.Equal(0, CliProcess.Run("kernel", "install", "--prefix", prefix, "--name", "rk-test").ExitCode);
        var lines = Client("""
            def stats(pid):
                status = dict(l.split(':', 1) for l in open(f'/proc/{pid}/status') if ':' in l)
                return int(status['Threads']), len(os.listdir(f'/proc/{pid}/fd')), int(status['VmRSS'].split()[0])
            pid = km.provisioner.process.pid
            for i in range(10):
                kc.execute_interactive(f'var a{i} = {i}; a{i} * 2', timeout=120, output_hook=lambda m: None)
            before = stats(pid)
            for i in range(100):
                r = kc.execute_interactive(f'var b{i} = {i}; Console.WriteLine(b{i}); b{i} + 1', timeout=120, output_hook=lambda m: None)
                assert r['content']['status'] == 'ok', r['content']
            after = stats(pid)
            print(json.dumps({'threads': [before[0], after[0]], 'fds': [before[1], after[1]], 'rss_kb': [before[2], after[2]]}))
            """);
        var (threads, fds, rss) = (lines[0]["threads"]!.AsArray(), lines[0]["fds"]!.AsArray(), lines[0]["rss_kb"]!.AsArray());
        Assert.True((int)threads[1]! <= (int)threads[0]! + 2, $"threads {threads[0]} -> {threads[1]}");
        Assert.Equal((int)fds[0]!, (int)fds[1]!);
        // Each cell is a new Roslyn submission (an in-memory assembly that cannot be unloaded): growth is reported, not bounded.
        Console.WriteLine($"100 executes: threads {threads[0]} -> {threads[1]}, fds {fds[0]} -> {fds[1]}, RSS {rss[0]} -> {rss[1]} kB");
    }

    [Fact]
    public void Interrupts_BySignalAndByMessage_StopALoopingCell_AndTheKernelKeepsItsVariables()
    {
        Assert.Equal(0, CliProcess.Run("kernel", "install", "--prefix", prefix, "--name", "rk-test").ExitCode);
        var lines = Client("""
            import time
            km.interrupt_kernel()
            time.sleep(1)
            r = kc.execute_interactive('var kept = 5; kept + 1', timeout=120, output_hook=lambda m: None)
            print(json.dumps({'idle_interrupt_then': r['content']['status'], 'alive': str(km.is_alive())}))
            pid = km.provisioner.process.pid
            def by_message():
                kc.control_channel.send(kc.session.msg('interrupt_request', {}))
                return kc.get_control_msg(timeout=30)['msg_type']
            for send in (km.interrupt_kernel, by_message):
                msg_id = execute_started('long spins = 0; while (true) { spins++; }')
                time.sleep(0.5)
                control = send()
                reply = kc.get_shell_msg(timeout=60)
                while reply['parent_header'].get('msg_id') != msg_id:
                    reply = kc.get_shell_msg(timeout=60)
                print(json.dumps({'status': reply['content']['status'], 'ename': reply['content'].get('ename'),
                                  'control': control, 'same_pid': km.provisioner.process.pid == pid}))
            outs = []
            r = kc.execute_interactive('kept', timeout=120, output_hook=lambda m: outs.append(m))
            print(json.dumps({'kept': [m['content']['data']['text/plain'] for m in outs if m['msg_type'] == 'execute_result']}))
            """);
        Assert.Equal(("ok", "True"), ((string)lines[0]["idle_interrupt_then"]!, (string)lines[0]["alive"]!));
        foreach (var interrupted in lines[1..3])
        {
            Assert.Equal(("error", "KeyboardInterrupt"), ((string)interrupted["status"]!, (string?)interrupted["ename"]));
            Assert.True((bool)interrupted["same_pid"]!); // stopped inside the process, not by a restart
        }
        Assert.Equal("interrupt_reply", (string?)lines[2]["control"]);
        Assert.Equal("5", (string)lines[3]["kept"]![0]!);
    }

    [Fact]
    public void AKernelStartedWithSigintIgnored_IsStillInterruptedBySignal()
    {
        // What a background start (`jupyter notebook &`, nohup, a CI script) hands down; .NET would leave SIGINT ignored.
        Assert.Equal(0, CliProcess.Run("kernel", "install", "--prefix", prefix, "--name", "rk-test").ExitCode);
        var lines = Client("""
            import time
            msg_id = execute_started('long spins = 0; while (true) { spins++; }')
            time.sleep(0.5)
            km.interrupt_kernel()
            reply = kc.get_shell_msg(timeout=60)
            while reply['parent_header'].get('msg_id') != msg_id:
                reply = kc.get_shell_msg(timeout=60)
            print(json.dumps({'status': reply['content']['status'], 'ename': reply['content'].get('ename')}))
            """, before: "import signal; signal.signal(signal.SIGINT, signal.SIG_IGN)");
        Assert.Equal(("error", "KeyboardInterrupt"), ((string)lines[0]["status"]!, (string?)lines[0]["ename"]));
    }

    [Fact]
    public void ACellThatNeverReachesACheck_EndsTheKernelWithTheReason_AndARestartWhileBusyLeavesNoProcess()
    {
        Assert.Equal(0, CliProcess.Run("kernel", "install", "--prefix", prefix, "--name", "rk-test").ExitCode);
        var lines = Client("""
            import time, queue
            def pgid(p):
                try:
                    return os.getpgid(p)
                except ProcessLookupError:
                    return None
            def group(g):
                return sorted(int(p) for p in os.listdir('/proc') if p.isdigit() and pgid(int(p)) == g)
            # A sleep has no interrupt check: after the grace period the kernel reports it and exits.
            pid = km.provisioner.process.pid
            execute_started('System.Threading.Thread.Sleep(-1);')
            time.sleep(0.5)
            km.interrupt_kernel()
            errors = []
            deadline = time.time() + 60
            while time.time() < deadline and not errors:
                try:
                    m = kc.get_iopub_msg(timeout=1)
                    if m['msg_type'] == 'error': errors.append(m['content']['evalue'])
                except queue.Empty:
                    pass
            for _ in range(100):
                if not km.is_alive(): break
                time.sleep(0.1)
            print(json.dumps({'error': errors[0] if errors else None, 'alive_after': str(km.is_alive()), 'pid': pid}))
            # Restart while a cell loops: the old kernel and everything it started are gone, the new one serves.
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=120)
            old = km.provisioner.process.pid
            old_group = os.getpgid(old)
            execute_started('while (true) { }')
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=120)
            time.sleep(1)
            r = kc.execute_interactive('6 * 7', timeout=120, output_hook=lambda m: None)
            print(json.dumps({'after_restart': r['content']['status'], 'old_group_left': group(old_group),
                              'new_pid_differs': km.provisioner.process.pid != old}))
            """);
        Assert.Contains("did not stop within", (string?)lines[0]["error"]);
        Assert.Equal("False", (string)lines[0]["alive_after"]!);
        Assert.Throws<ArgumentException>(() => Process.GetProcessById((int)lines[0]["pid"]!)); // gone, not orphaned
        Assert.Equal("ok", (string)lines[1]["after_restart"]!);
        Assert.Empty(lines[1]["old_group_left"]!.AsArray());
        Assert.True((bool)lines[1]["new_pid_differs"]!);
    }

    [Fact]
    public void TrainingProgress_IsOneStatusOutput_UpdatedInPlace()
    {
        Assert.Equal(0, CliProcess.Run("kernel", "install", "--prefix", prefix, "--name", "rk-test").ExitCode);
        var dll = Path.Combine(CliProcess.RepoRoot, "artifacts", "bin", "ResearchKit", "release", "ResearchKit.dll");
        var lines = Client($$"""
            outs = []
            code = '#r "{{dll}}"\n' + '''
            var progress = new ResearchKit.Training.TrainProgress(Console.Out);
            progress.Begin(1, 3, 0);
            for (var b = 1; b <= 3; b++) progress.Batch(0, b, 0.5f, 0.01);
            '''
            r = kc.execute_interactive(code, timeout=120, output_hook=lambda m: outs.append(m))
            shown = [m for m in outs if m['msg_type'] in ('display_data', 'update_display_data')]
            print(json.dumps({'status': r['content']['status'], 'types': [m['msg_type'] for m in shown],
                              'ids': sorted(set(m['content']['transient']['display_id'] for m in shown)),
                              'last': shown[-1]['content']['data']['text/plain'] if shown else None,
                              'streams': [m['content']['text'] for m in outs if m['msg_type'] == 'stream']}))
            """);
        Assert.Equal("ok", (string)lines[0]["status"]!);
        Assert.Equal(["display_data", "update_display_data", "update_display_data"], lines[0]["types"]!.AsArray().Select(t => (string)t!));
        Assert.Single(lines[0]["ids"]!.AsArray());
        Assert.StartsWith("epoch 1/1 batch 3/3 loss 0.5000", (string)lines[0]["last"]!);
        Assert.Empty(lines[0]["streams"]!.AsArray()); // no batch lines as text: the status output replaces them
    }

    [Fact]
    public void MessagesWithAWrongOrNoSignature_GetNoReply_AndTheKernelKeepsServing()
    {
        Assert.Equal(0, CliProcess.Run("kernel", "install", "--prefix", prefix, "--name", "rk-test").ExitCode);
        var lines = Client("""
            import queue
            from jupyter_client.session import Session
            replies = {}
            for label, key in (('wrong key', b'not-the-key'), ('unsigned', b'')):
                forged = Session(key=key, signature_scheme='hmac-sha256')
                forged.send(kc.shell_channel.socket, forged.msg('execute_request', {'code': 'Console.WriteLine("forged")', 'silent': False,
                    'store_history': True, 'user_expressions': {}, 'allow_stdin': False, 'stop_on_error': True}))
                try:
                    replies[label] = kc.get_shell_msg(timeout=5)['msg_type']
                except queue.Empty:
                    replies[label] = None
            outs = []
            r = kc.execute_interactive('1 + 2', timeout=120, output_hook=lambda m: outs.append(m))
            print(json.dumps({'replies': replies, 'then': r['content']['status'], 'count': r['content']['execution_count'],
                              'result': [m['content']['data']['text/plain'] for m in outs if m['msg_type'] == 'execute_result']}))
            """);
        Assert.Null(lines[0]["replies"]!["wrong key"]);
        Assert.Null(lines[0]["replies"]!["unsigned"]);
        Assert.Equal(("ok", 1, "3"), ((string)lines[0]["then"]!, (int)lines[0]["count"]!, (string)lines[0]["result"]![0]!)); // nothing forged ran
    }

    [Fact]
    public void ConsoleReadLine_AsksTheFrontEndThroughStdin_AndWithoutStdinGetsEndOfInput()
    {
        Assert.Equal(0, CliProcess.Run("kernel", "install", "--prefix", prefix, "--name", "rk-test").ExitCode);
        var lines = Client("""
            outs = []
            prompts = []
            def answer(m):
                prompts.append(m['content']['prompt'])
                kc.input('Ada')
            r = kc.execute_interactive('var name = Console.ReadLine(); $"hello {name}"', timeout=120, allow_stdin=True,
                                       stdin_hook=answer, output_hook=lambda m: outs.append(m))
            no = kc.execute_interactive('Console.ReadLine() is null', timeout=120, allow_stdin=False, output_hook=lambda m: outs.append(m))
            print(json.dumps({'status': [r['content']['status'], no['content']['status']], 'prompts': prompts,
                              'results': [m['content']['data']['text/plain'] for m in outs if m['msg_type'] == 'execute_result']}))
            """);
        Assert.Equal(["ok", "ok"], lines[0]["status"]!.AsArray().Select(s => (string)s!));
        Assert.Single(lines[0]["prompts"]!.AsArray());
        Assert.Equal(["hello Ada", "true"], lines[0]["results"]!.AsArray().Select(s => (string)s!));
    }

    [Fact]
    public void TheHostKeys_AreTheOnesTheLibraryReads()
    {
        Assert.Equal(ResearchKit.Repro.NotebookHost.InterruptCheckKey, ResearchKit.Notebooks.Execution.CellInterrupt.AppContextKey);
        Assert.Equal(ResearchKit.Repro.NotebookHost.StatusLineKey, ResearchKit.Notebooks.Kernel.JupyterKernel.StatusLineKey);
    }

    // Runs `body` with `km, kc` started from the rk-test kernelspec, then shuts the kernel down; one JSON object per line.
    private List<JsonNode> Client(string body, string before = "")
    {
        var script = $$"""
            import json, os
            os.environ['JUPYTER_PATH'] = '{{Path.Combine(prefix, "share", "jupyter")}}'
            {{before}}
            from jupyter_client.manager import start_new_kernel
            km, kc = start_new_kernel(kernel_name='rk-test', startup_timeout=120)
            def execute_started(code, timeout=120):
                # Sends a cell that prints "started" first and returns once that line arrives: on a loaded machine the
                # compile alone can outlast a fixed sleep, and an interrupt sent before the cell runs is an idle one.
                import queue as _q, time as _t
                msg_id = kc.execute('System.Console.WriteLine("started"); ' + code)
                deadline = _t.time() + timeout
                while _t.time() < deadline:
                    try:
                        m = kc.get_iopub_msg(timeout=1)
                    except _q.Empty:
                        continue
                    if m['parent_header'].get('msg_id') == msg_id and m['msg_type'] == 'stream' and 'started' in m['content']['text']:
                        return msg_id
                raise TimeoutError('the cell did not start within %d s' % timeout)
            try:
            {{string.Join("\n", body.Split('\n').Select(l => "    " + l))}}
            finally:
                km.shutdown_kernel(now=False)
                print(json.dumps({'alive': str(km.is_alive())}))
            """;
        var stdout = PythonProcess.Run(script);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
    }
}
