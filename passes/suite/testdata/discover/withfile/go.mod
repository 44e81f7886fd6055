module example.com/withfile

go 1.22
