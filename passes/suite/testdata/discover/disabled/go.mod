module example.com/disabled

go 1.22
