module example.com/unguardedstream

go 1.22
