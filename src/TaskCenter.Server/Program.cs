using TaskCenter.Server;

TaskCenterApp.Build(args).Run();
