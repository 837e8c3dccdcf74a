using ResearchKit.Metrics;

namespace ResearchKit.Tests.Metrics;

public sealed class TimingsTests
{
    [Fact]
    public void Median_IsTheMiddleValue_OrTheMeanOfTheMiddleTwo_WhateverTheOrder()
    {
        Assert.Equal(3.0, Timings.Median([5.0, 1.0, 3.0]));
        Assert.Equal(2.5, Timings.Median([4.0, 1.0, 3.0, 2.0]));
        Assert.Equal(7.0, Timings.Median([7.0]));
        Assert.Throws<ArgumentException>(() => Timings.Median([]));
    }
}
