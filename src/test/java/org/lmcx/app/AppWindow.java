package org.lmcx.app;

import javafx.application.Platform;
import javafx.stage.Stage;
import org.lmcx.task.ComputeTaskService;

import java.util.prefs.Preferences;

/**
 * The main window as the TestFX tests drive it: the real view and view models on a stage, with the compute, preview
 * and file lanes each on a thread of its own, as the app runs them. Close it after each test.
 */
final class AppWindow implements AutoCloseable {

    // The app's arrangement (LmcxApp): the compute lane yields to the slider's readout.
    private final org.lmcx.task.Foreground foreground = new org.lmcx.task.Foreground();
    private final ComputeTaskService compute = new ComputeTaskService(1, foreground);
    private final ComputeTaskService preview = new ComputeTaskService(1);
    private final ComputeTaskService ioLane = new ComputeTaskService(1);
    final MainViewModel vm;
    final MainView view;

    /** @param recentNode preferences node for File → Open recent, one per test class so they do not interfere */
    AppWindow(Stage stage, String recentNode, int width, int height) {
        vm = new MainViewModel(new FxTaskAdapter(compute, ioLane, Platform::runLater), preview, foreground);
        view = new MainView(vm, stage, new RecentFiles(Preferences.userRoot().node(recentNode)));
        stage.setScene(view.scene(width, height));
        stage.show();
    }

    @Override
    public void close() {
        compute.close();
        preview.close();
        ioLane.close();
    }
}
