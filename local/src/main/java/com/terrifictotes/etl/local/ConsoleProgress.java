package com.terrifictotes.etl.local;

/** Shows each handler invocation as it starts and how long it took. */
final class ConsoleProgress implements LocalPipeline.Progress {
    private final Console console;

    ConsoleProgress(Console console) {
        this.console = console;
    }

    @Override
    public void starting(StageRun.Stage stage, String trigger) {
        console.line("    %-9s %s ...", stage.name().toLowerCase(java.util.Locale.ROOT), trigger);
    }

    @Override
    public StageRun finished(StageRun run) {
        console.line("    %-9s done in %s: %s", "", Console.seconds(run.elapsed()), run.response());
        return run;
    }
}
