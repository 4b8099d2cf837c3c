SELECT * FROM titanic WHERE Fare >= ${minFare}
