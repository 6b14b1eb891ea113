System.Console.WriteLine("nlce: work in progress");
