namespace ResearchKit.Autograd;

/// <summary>Whether ops record themselves for backward on this thread (like torch.no_grad).</summary>
public static class GradMode
{
    [ThreadStatic] private static int _disabledDepth;

    /// <summary>True unless inside a <see cref="Disable"/> scope on this thread.</summary>
    public static bool IsEnabled => _disabledDepth == 0;

    /// <summary>Stops recording until the returned scope is disposed: inference without graph memory.</summary>
    public static IDisposable Disable()
    {
        _disabledDepth++;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            _disabledDepth--;
        }
    }
}
