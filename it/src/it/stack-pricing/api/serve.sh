# stands in for a service: stays up until stopped
trap 'exit 0' TERM
while true; do sleep 1; done
