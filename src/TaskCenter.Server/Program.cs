using TaskCenter.Server;

return await TaskCenterApp.RunAsync(args);
