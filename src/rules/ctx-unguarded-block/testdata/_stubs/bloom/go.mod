module example.org/bloom

go 1.21
