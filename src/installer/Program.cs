// Entry point; the command line arrives with the daemon's own issue.
return 0;
