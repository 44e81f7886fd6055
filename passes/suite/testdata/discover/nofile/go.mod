module example.com/nofile

go 1.22
